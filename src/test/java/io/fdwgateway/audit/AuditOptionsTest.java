package io.fdwgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's arguments and the baseline file. */
class AuditOptionsTest {

    @TempDir
    Path dir;

    @Test
    void acceptsTheDocumentedForms() {
        AuditOptions plain = AuditOptions.parse("audit").orElseThrow();
        assertFalse(plain.json() || plain.exposure());
        AuditOptions baseline = AuditOptions.parse("audit", "--json", "--baseline", "audit-baseline.json").orElseThrow();
        assertTrue(baseline.json());
        assertEquals(Optional.of(Path.of("audit-baseline.json")), baseline.baseline());
        assertEquals(Optional.of(Path.of("b.json")), AuditOptions.parse("audit", "--baseline=b.json").orElseThrow().baseline());
        AuditOptions check = AuditOptions.parse("audit", "--exposure", "--check", "exposure.lock.json").orElseThrow();
        assertTrue(check.exposure());
        assertEquals(Optional.of(Path.of("exposure.lock.json")), check.check());
        assertTrue(AuditOptions.parse("audit", "--exposure", "--format=mermaid").orElseThrow().mermaid());
        assertFalse(AuditOptions.parse("audit", "--exposure", "--format=json").orElseThrow().mermaid());
    }

    @Test
    void refusesTheRest() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("serve"), List.of("audit", "--yaml"), List.of("audit", "--baseline"),
                List.of("audit", "--check", "x"), List.of("audit", "--format=mermaid"), List.of("audit", "--exposure", "--json"),
                List.of("audit", "--exposure", "--format=dot"), List.of("audit", "--exposure", "--baseline", "x"),
                List.of("audit", "--exposure", "--format=mermaid", "--check", "x"), List.of("audit", "--json", "--json"))) {
            assertTrue(AuditOptions.parse(args.toArray(new String[0])).isEmpty(), args::toString);
        }
    }

    @Test
    void baselineAcceptsByRuleAndObject() throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, AuditReport.json(List.of(finding("definer-owned-by-superuser", "function public.a() (owner postgres)"),
                finding("foreign-server-no-connect-timeout", "foreign server s"))));
        Baseline baseline = Baseline.read(file);
        Finding known = finding("definer-owned-by-superuser", "function public.a() (owner postgres)");
        Finding fresh = finding("definer-owned-by-superuser", "function public.b() (owner postgres)");
        assertTrue(baseline.accepts(known));
        assertFalse(baseline.accepts(fresh));
        assertEquals(1, AuditReport.newErrors(List.of(known, fresh), baseline::accepts));
        assertEquals(1, baseline.gone(List.of(known, fresh)).size());
        String json = AuditReport.json(List.of(known, fresh), baseline::accepts);
        assertTrue(json.contains("\"newErrors\" : 1"), json);
    }

    @Test
    void aBaselineThatIsNotTheReportIsRefused() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"paths\": []}");
        assertThrows(IOException.class, () -> Baseline.read(file));
        Files.writeString(file, "not json");
        assertThrows(IOException.class, () -> Baseline.read(file));
        Files.writeString(file, "{\"findings\": [{\"rule\": \"x\"}]}");
        assertThrows(IOException.class, () -> Baseline.read(file));
    }

    private static Finding finding(String rule, String object) {
        Rule r = Rule.byId(rule);
        return new Finding(r.severity(), rule, object, r.why(), "fix", OptionalLong.empty(), false);
    }
}
