package io.fdwgateway.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.LocalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/quarkus-app}) in production mode, on the reference
 * database and the local issuer of the dev environment, with both ports free ones. Its
 * stdout and stderr go to {@code target/<name>.log}. Integration tests only: the jar must
 * have been packaged.
 */
public final class PackagedGateway implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final String url;
    private final String management;

    private PackagedGateway(Process process, Path log, String url, String management) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.management = management;
    }

    /**
     * Starts it with anonymous calls as {@code anon}, roles anon, authenticated and
     * service_role, and {@code env} on top; returns once readiness answers 200.
     */
    public static PackagedGateway start(String name, Map<String, String> env, String... jvmOptions) {
        prepare();
        int port = Ports.free();
        int managementPort = Ports.free();
        Map<String, String> all = new HashMap<>(Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort),
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + System.getProperty(DevEnvironment.DB_HOST_PROPERTY)
                        + ":" + System.getProperty(DevEnvironment.DB_PORT_PROPERTY) + "/fdw_gateway",
                "QUARKUS_DATASOURCE_USERNAME", "authenticator",
                "QUARKUS_OIDC_AUTH_SERVER_URL", Tokens.issuer(),
                "QUARKUS_OIDC_TOKEN_AUDIENCE", LocalIssuer.AUDIENCE,
                "GATEWAY_ROLE_ANONYMOUS", "anon",
                "GATEWAY_ROLE_ALLOWED", "anon,authenticated,service_role"));
        all.putAll(env);
        Path log = Path.of("target", name + ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(Processes.java());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("GATEWAY_"));
        builder.environment().putAll(all);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackagedGateway gateway = new PackagedGateway(process, log, "http://127.0.0.1:" + port,
                "http://127.0.0.1:" + managementPort);
        await(name + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast(() -> assertTrue(process.isAlive(), () -> name + " exited during start-up:\n" + gateway.log()))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> gateway.send(HttpRequest.newBuilder(URI.create(gateway.management + "/q/health/ready")).build())
                        .statusCode() == 200);
        return gateway;
    }

    /** Starts the reference database and the local issuer, if not yet: {@link Tokens} work from then on. */
    public static void prepare() {
        String admin = Optional.ofNullable(System.getenv("GATEWAY_DEV_ADMIN_JDBC_URL")).orElse("");
        DevEnvironment.ensureStarted(new DevEnvironment.Settings(admin, 0, 0, Path.of("sql")));
    }

    /** The public base URL, {@code http://127.0.0.1:port}. */
    public String url() {
        return url;
    }

    /** The management interface's base URL. */
    public String management() {
        return management;
    }

    public Process process() {
        return process;
    }

    /** Sends a request, its body read as text. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A request to {@code path} on the public port. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
    }

    /** Everything it printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then waits for the exit; kills it after {@code timeout}. Returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not exit within " + timeout + " of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
