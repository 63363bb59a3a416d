package io.fdwgateway.dev;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID Connect issuer for the embedded default (dev mode and tests): discovery,
 * a JWKS endpoint and a token endpoint that signs RS256 tokens with a key made at start.
 * The gateway verifies its tokens exactly as it verifies a real provider's, through
 * discovery and the JWKS endpoint. It binds to loopback only and is not part of the
 * production artifact.
 */
public final class LocalIssuer implements AutoCloseable {

    /** Audience the token endpoint puts in every token. */
    public static final String AUDIENCE = "fdw-gateway";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String issuer;

    private LocalIssuer(HttpServer server, RsaJsonWebKey key) {
        this.server = server;
        this.key = key;
        this.issuer = issuerUrl(server.getAddress().getPort());
    }

    /** The issuer URL of a local issuer on this port. */
    public static String issuerUrl(int port) {
        return "http://127.0.0.1:" + port + "/realms/dev";
    }

    /** @param port 0 for any free port */
    public static LocalIssuer start(int port) throws IOException {
        RsaJsonWebKey key;
        try {
            key = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IOException("cannot generate the signing key", e);
        }
        key.setKeyId(UUID.randomUUID().toString());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "local-issuer");
            t.setDaemon(true);
            return t;
        }));
        LocalIssuer issuer = new LocalIssuer(server, key);
        server.createContext("/realms/dev/.well-known/openid-configuration", issuer::discovery);
        server.createContext("/realms/dev/protocol/openid-connect/certs", issuer::jwks);
        server.createContext("/realms/dev/protocol/openid-connect/token", issuer::token);
        server.start();
        return issuer;
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    /** The signing key with its private part, for tests that forge and tamper with tokens. */
    public String privateJwkJson() {
        return key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** Signs claims with the issuer's key; iss, aud, iat and exp are filled in when absent. */
    public String sign(JwtClaims claims) {
        try {
            if (claims.getIssuer() == null) {
                claims.setIssuer(issuer);
            }
            if (!claims.hasAudience()) {
                claims.setAudience(AUDIENCE);
            }
            if (claims.getIssuedAt() == null) {
                claims.setIssuedAtToNow();
            }
            if (claims.getExpirationTime() == null) {
                claims.setExpirationTimeMinutesInTheFuture(60);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign token", e);
        } 
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String body = "{\"issuer\":\"" + issuer + "\","
                + "\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"token_endpoint\":\"" + tokenEndpoint() + "\","
                + "\"response_types_supported\":[\"token\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"grant_types_supported\":[\"client_credentials\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        send(exchange, 200, body);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        send(exchange, 200, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /**
     * POST form fields: {@code sub} (default dev-user), {@code role} (optional role claim),
     * {@code expires_in} seconds (default 3600).
     */
    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"error\":\"invalid_request\",\"error_description\":\"use POST\"}");
            return;
        }
        Map<String, String> form = parseForm(new String(exchange.getRequestBody().readNBytes(8192), StandardCharsets.UTF_8));
        JwtClaims claims = new JwtClaims();
        claims.setSubject(form.getOrDefault("sub", "dev-user"));
        if (form.containsKey("role")) {
            claims.setStringClaim("role", form.get("role"));
        }
        int expiresIn = Integer.parseInt(form.getOrDefault("expires_in", "3600"));
        claims.setExpirationTimeMinutesInTheFuture(expiresIn / 60f);
        String token = sign(claims);
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
