package io.fdwgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * An OpenID Connect issuer for tests that need to control it: its key set can gain and lose keys,
 * it can be stopped and started again on the same port (an identity-provider outage), and its
 * discovery document can advertise an introspection endpoint that answers whatever the test says.
 * Tokens it signs are real RS256 JWS, verified by the gateway through discovery and the JWKS
 * endpoint like any provider's. Loopback only.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "fdw-gateway";
    private static final String REALM = "/realms/test";

    /** A key no issuer publishes, generated once: key generation is slow and forgeries are many. */
    private static final RsaJsonWebKey STRANGER = generate("stranger");

    private final int port;
    private final boolean advertiseIntrospection;
    private final Map<String, RsaJsonWebKey> keys = new ConcurrentHashMap<>();
    private final List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicReference<String> introspectionAnswer = new AtomicReference<>("{\"active\":false}");
    private final AtomicInteger introspectionCalls = new AtomicInteger();
    private final AtomicInteger keySetCalls = new AtomicInteger();
    private final AtomicInteger discoveryCalls = new AtomicInteger();
    private HttpServer server;

    private TestIssuer(int port, boolean advertiseIntrospection) {
        this.port = port;
        this.advertiseIntrospection = advertiseIntrospection;
    }

    /** An issuer on a free port, not yet listening, with one published key {@code key-1}. */
    public static TestIssuer create(boolean advertiseIntrospection) {
        TestIssuer issuer = new TestIssuer(freePort(), advertiseIntrospection);
        issuer.addKey("key-1");
        return issuer;
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + REALM;
    }

    public synchronized TestIssuer start() {
        if (server != null) {
            return this;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            s.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "test-issuer");
                t.setDaemon(true);
                return t;
            }));
            s.createContext(REALM + "/.well-known/openid-configuration", e -> counted(e, discoveryCalls, this::discovery));
            s.createContext(REALM + "/protocol/openid-connect/certs", e -> counted(e, keySetCalls, this::keySet));
            s.createContext(REALM + "/protocol/openid-connect/token/introspect",
                    e -> counted(e, introspectionCalls, introspectionAnswer::get));
            s.start();
            server = s;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /** Stops answering: connections to the port are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    /** Generates a key and publishes it in the key set. */
    public TestIssuer addKey(String kid) {
        keys.put(kid, generate(kid));
        published.add(kid);
        return this;
    }

    private static RsaJsonWebKey generate(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a key from the key set; tokens can still be signed with it, as a thief could. */
    public void withdraw(String kid) {
        published.remove(kid);
    }

    /**
     * A token signed with {@code kid}: iss, aud, sub "alice", iat and a 10-minute exp, then {@code edit}.
     * A key id this issuer never generated signs with a stranger's key: a forgery.
     */
    public String sign(String kid, Consumer<JwtClaims> edit) {
        RsaJsonWebKey key = keys.getOrDefault(kid, STRANGER);
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer());
            claims.setAudience(AUDIENCE);
            claims.setSubject("alice");
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            claims.setGeneratedJwtId();
            edit.accept(claims);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(kid);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign(String kid) {
        return sign(kid, c -> { });
    }

    /** What the introspection endpoint answers from now on. */
    public void answerIntrospection(String json) {
        introspectionAnswer.set(json);
    }

    public int introspectionCalls() {
        return introspectionCalls.get();
    }

    public int keySetCalls() {
        return keySetCalls.get();
    }

    public int discoveryCalls() {
        return discoveryCalls.get();
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer() + "\","
                + "\"jwks_uri\":\"" + issuer() + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + issuer() + "/protocol/openid-connect/token\","
                + (advertiseIntrospection
                        ? "\"introspection_endpoint\":\"" + issuer() + "/protocol/openid-connect/token/introspect\"," : "")
                + "\"response_types_supported\":[\"token\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private String keySet() {
        List<JsonWebKey> set = new ArrayList<>();
        for (String kid : published) {
            set.add(keys.get(kid));
        }
        return new JsonWebKeySet(set).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static void counted(HttpExchange exchange, AtomicInteger calls, java.util.function.Supplier<String> body)
            throws IOException {
        calls.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
