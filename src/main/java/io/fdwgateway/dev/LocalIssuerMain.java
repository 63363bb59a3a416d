package io.fdwgateway.dev;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalIssuer} on its own, outside Quarkus, for tooling that drives the packaged
 * gateway in prod mode (the benchmark in {@code bench/}). Prints the issuer URL on one line
 * and serves until the process is stopped. Loopback only; not for production use.
 *
 * <pre>java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' io.fdwgateway.dev.LocalIssuerMain [port]</pre>
 */
public final class LocalIssuerMain {

    private LocalIssuerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        LocalIssuer issuer = LocalIssuer.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "local-issuer-stop"));
        System.out.println(issuer.issuer());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
