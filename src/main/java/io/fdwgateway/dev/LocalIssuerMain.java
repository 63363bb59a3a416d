package io.fdwgateway.dev;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalIssuer} on its own, outside Quarkus, for tooling that drives the packaged
 * gateway in prod mode (the benchmark in {@code bench/}). Serves
 * {@code http://127.0.0.1:<port>/realms/dev} until the process is stopped; callers poll its
 * discovery document to know it is up.
 * Loopback only. Like the rest of this package it is not in the production artifact: the
 * build leaves it in {@code target/dev-classes}.
 *
 * <pre>java -cp 'target/dev-classes:target/quarkus-app/lib/main/*' io.fdwgateway.dev.LocalIssuerMain [port]</pre>
 */
public final class LocalIssuerMain {

    private LocalIssuerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8180;
        LocalIssuer issuer = LocalIssuer.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "local-issuer-stop"));
        new CountDownLatch(1).await();
    }
}
