package io.fdwgateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A compact JWS's text, normalised. Base64url decoders accept more than one spelling of the same
 * bytes (with or without {@code =} padding, {@code +/} for {@code -_}), and a signature decodes to
 * the same bytes under every spelling, so one signed token has many texts that all verify.
 */
final class TokenText {

    private TokenText() {
    }

    /** Base64url without padding: {@code +} and {@code /} become {@code -} and {@code _}, {@code =} is dropped. */
    static String toUrlAlphabet(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '+' -> out.append('-');
                case '/' -> out.append('_');
                case '=' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The verified-token cache key: SHA-256 over the header and payload exactly as sent (they are
     * the signed input, so another spelling of them is another token that must be verified) and
     * the signature's decoded bytes (whose spelling is not signed). Null for text that is not a
     * three-part compact JWS with a decodable signature; such a token is never cached.
     */
    static String cacheKey(String token) {
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || lastDot == token.length() - 1) {
            return null;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(toUrlAlphabet(token.substring(lastDot + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
        MessageDigest sha256 = sha256();
        sha256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '.');
        sha256.update(signature);
        return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
