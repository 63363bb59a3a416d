package io.fdwgateway.support;

import io.fdwgateway.dev.DevEnvironment;
import io.fdwgateway.dev.LocalIssuer;
import java.util.function.Consumer;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Real signed tokens for tests: signed with the local issuer's private key (published by the
 * embedded default), so the gateway verifies them through discovery and the issuer's JWKS
 * endpoint, exactly like a real provider's. Also forges bad ones.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String issuer() {
        return require(DevEnvironment.ISSUER_PROPERTY);
    }

    /** A valid token for this subject with no role claim (so the default role applies). */
    public static String forSubject(String sub) {
        return valid(c -> c.setSubject(sub));
    }

    /** A valid token for subject "alice" with a string role claim. */
    public static String withRole(String role) {
        return valid(c -> {
            c.setSubject("alice");
            c.setStringClaim("role", role);
        });
    }

    /** A valid token: issuer, audience, iat and exp set right, then adjusted by {@code edit}. */
    public static String valid(Consumer<JwtClaims> edit) {
        return sign(claims(edit), issuerKey(), issuerKey().getKeyId(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    public static JwtClaims claims(Consumer<JwtClaims> edit) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer());
        c.setAudience(LocalIssuer.AUDIENCE);
        c.setSubject("alice");
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        edit.accept(c);
        return c;
    }

    public static RsaJsonWebKey issuerKey() {
        try {
            return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(require(DevEnvironment.PRIVATE_JWK_PROPERTY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RsaJsonWebKey otherKey(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JwtClaims claims, RsaJsonWebKey key, String kid, String alg) {
        return compact(claims, alg, key.getPrivateKey(), kid);
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public static String unsigned(JwtClaims claims) {
        return compact(claims, AlgorithmIdentifiers.NONE, null, null);
    }

    /** HS256 "signed" with the issuer's public key as the HMAC secret: the key-confusion attack. */
    public static String hmacWithPublicKey(JwtClaims claims) {
        return compact(claims, AlgorithmIdentifiers.HMAC_SHA256,
                new org.jose4j.keys.HmacKey(issuerKey().getPublicKey().getEncoded()), issuerKey().getKeyId());
    }

    /** Any algorithm and key, unchecked: attack tokens need what a careful signer refuses. */
    private static String compact(JwtClaims claims, String alg, java.security.Key key, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setAlgorithmHeaderValue(alg);
            jws.setDoKeyValidation(false);
            if (key != null) {
                jws.setKey(key);
            }
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate minutesFromNow(int minutes) {
        NumericDate d = NumericDate.now();
        d.addSeconds(minutes * 60L);
        return d;
    }

    private static String require(String property) {
        DevEnvironment.awaitStarted();
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: is the embedded default running?");
        }
        return value;
    }
}
