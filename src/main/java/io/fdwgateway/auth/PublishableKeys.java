package io.fdwgateway.auth;

import io.fdwgateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * {@code gateway.auth.publishable-keys}: the keys a signed-out supabase-js client sends as its
 * bearer token. Such a bearer is no identity: the caller is anonymous (and refused with 401 when
 * anonymous calls are off). Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured key whatever matched, so the time a
 * comparison takes says nothing about how much of a key a guess got right.
 */
@Singleton
public class PublishableKeys {

    private final List<byte[]> digests;

    public PublishableKeys(GatewayConfig config) {
        this.digests = config.auth().publishableKeys().orElse(List.of()).stream()
                .filter(key -> !key.isBlank())
                .map(PublishableKeys::digest)
                .toList();
    }

    /** Whether this bearer token is one of the publishable keys. */
    public boolean matches(String bearer) {
        if (digests.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(bearer);
        boolean found = false;
        for (byte[] key : digests) {
            found |= MessageDigest.isEqual(key, candidate);
        }
        return found;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
