package io.fdwgateway;

import io.fdwgateway.audit.AuditCommand;
import io.fdwgateway.startup.RunMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * No arguments: the gateway server. {@code audit [--json]}: audit the configured database
 * once, print the findings and exit 1 on an error-level finding (a deploy-pipeline gate).
 * Any other arguments run the command too, which answers them with its usage (logging is
 * only set up once Quarkus runs, so the usage is printed there).
 */
@QuarkusMain
public final class Main {

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        RunMode.command();
        // The command needs the database only: no HTTP listener (a server may already hold the
        // port), no identity provider, and stdout kept for the report alone.
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.oidc.tenant-enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        System.setProperty("quarkus.banner.enabled", "false");
        System.setProperty("quarkus.log.level", "WARN");
        Quarkus.run(AuditCommand.class, args);
    }
}
