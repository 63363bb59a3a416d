package io.fdwgateway.audit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code audit} command's arguments: {@code audit [--json] [--baseline <file>]} or
 * {@code audit --exposure [--format=json|mermaid] [--check <lockfile>]}.
 */
public record AuditOptions(boolean json, Optional<Path> baseline, boolean exposure, boolean mermaid, Optional<Path> check) {

    public static final String USAGE = """
            usage: quarkus-run.jar                                   serve the gateway
                   quarkus-run.jar audit [--json] [--baseline <file>]
                                           audit the database; exit 1 on an error finding not in the baseline
                   quarkus-run.jar audit --exposure [--format=json|mermaid] [--check <lockfile>]
                                           print the exposure graph; with --check, exit 1 on a path the lock lacks""";

    /** Parses {@code args} (the first is {@code audit}); empty when they are not valid. */
    public static Optional<AuditOptions> parse(String... args) {
        if (args.length == 0 || !"audit".equals(args[0])) {
            return Optional.empty();
        }
        boolean json = false;
        boolean exposure = false;
        String format = null;
        Path baseline = null;
        Path check = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !json) {
                json = true;
            } else if (a.equals("--exposure") && !exposure) {
                exposure = true;
            } else if (a.startsWith("--format=") && format == null) {
                format = a.substring("--format=".length());
            } else if ((a.equals("--baseline") || a.equals("--check")) && i + 1 < args.length) {
                Path file = Path.of(args[++i]);
                if (a.equals("--baseline") && baseline == null) {
                    baseline = file;
                } else if (a.equals("--check") && check == null) {
                    check = file;
                } else {
                    return Optional.empty();
                }
            } else if (a.startsWith("--baseline=") && baseline == null) {
                baseline = Path.of(a.substring("--baseline=".length()));
            } else if (a.startsWith("--check=") && check == null) {
                check = Path.of(a.substring("--check=".length()));
            } else {
                return Optional.empty();
            }
        }
        boolean mermaid = "mermaid".equals(format);
        boolean valid = exposure
                ? !json && baseline == null && (format == null || format.equals("json") || mermaid) && !(mermaid && check != null)
                : format == null && check == null;
        return valid ? Optional.of(new AuditOptions(json, Optional.ofNullable(baseline), exposure, mermaid,
                Optional.ofNullable(check))) : Optional.empty();
    }
}
