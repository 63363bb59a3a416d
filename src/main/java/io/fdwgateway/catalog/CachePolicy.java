package io.fdwgateway.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the gateway caches a function's successful answers: {@code @cache <duration> [vary
 * <claim>,…]} on a STABLE or IMMUTABLE function. Without {@code vary} the key holds every
 * verified claim; with it, only those claims, which is safe only when the body reads no other
 * claim: then the function is not cached at all (and the audit says so).
 *
 * @param ttl         how long an answer is kept
 * @param vary        the claims of the key, or null for all of them
 * @param fingerprint a hash of the function's definition as the catalog read it: part of every
 *                    key, so a changed function never answers from its old entries
 */
public record CachePolicy(Duration ttl, List<String> vary, String fingerprint) {

    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d{1,9})(ms|s|m|h)(?:\\s+vary\\s+([^\\s,]+(?:\\s*,\\s*[^\\s,]+)*))?");
    private static final Pattern AUTH_CALL = Pattern.compile(
            "auth\\s*\\.\\s*(uid|jwt|role|email)\\s*\\(\\s*\\)(\\s*->>?\\s*'([^']+)')?");
    private static final Pattern SETTING = Pattern.compile(
            "'request\\.jwt\\.claims?(?:\\.([^']+))?'\\s*(?:,\\s*\\w+\\s*)?\\)(?:\\s*::\\s*jsonb?)?(\\s*->>?\\s*'([^']+)')?");

    /** The claim reads of a body that this scan cannot name: any claim may be read. */
    public static final String ANY_CLAIM = "*";

    /** Why a {@code @cache} line does not cache, or empty when it does. */
    public enum Refusal { MALFORMED, VOLATILE, VARY_MISSES_CLAIMS }

    /**
     * The decision for one function.
     *
     * @param policy  the policy, or null when the function is not cached
     * @param refusal why a {@code @cache} line was not followed, or null
     * @param unvaried the claims the body reads that {@code vary} leaves out (for the audit)
     */
    public record Decision(CachePolicy policy, Refusal refusal, Set<String> unvaried) {
    }

    /**
     * What {@code directives}, {@code volatility} and {@code body} make of caching.
     *
     * @param definition the function's definition as the catalog read it, for the fingerprint;
     *                   asked for only when the function is cached (a catalog of thousands of
     *                   functions, few of them cached, need not encode every definition)
     */
    public static Decision decide(Directives directives, Volatility volatility, String body, Supplier<String> definition) {
        List<String> lines = directives.arguments(Directives.CACHE);
        if (lines.isEmpty()) {
            return new Decision(null, null, Set.of());
        }
        Matcher m = SYNTAX.matcher(lines.get(0).strip());
        if (lines.size() > 1 || !m.matches()) {
            return new Decision(null, Refusal.MALFORMED, Set.of());
        }
        if (volatility == Volatility.VOLATILE) {
            return new Decision(null, Refusal.VOLATILE, Set.of());
        }
        long amount = Long.parseLong(m.group(1));
        Duration ttl = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (ttl.isZero()) {
            return new Decision(null, Refusal.MALFORMED, Set.of());
        }
        List<String> vary = m.group(3) == null ? null
                : List.of(m.group(3).split("\\s*,\\s*")).stream().map(String::strip).distinct().toList();
        if (vary != null) {
            Set<String> unvaried = new LinkedHashSet<>(claimsRead(body));
            unvaried.removeAll(vary);
            // the role is part of every key
            unvaried.remove("role");
            if (!unvaried.isEmpty()) {
                return new Decision(null, Refusal.VARY_MISSES_CLAIMS, unvaried);
            }
        }
        return new Decision(new CachePolicy(ttl, vary, sha256(Objects.requireNonNullElse(definition.get(), ""))), null, Set.of());
    }

    /**
     * The claims a body reads through {@code request.jwt.claims} / {@code request.jwt.claim.x},
     * {@code auth.uid()}, {@code auth.jwt()}, {@code auth.role()} and {@code auth.email()};
     * {@link #ANY_CLAIM} for a read whose claim the scan cannot name (the whole claims object).
     */
    public static Set<String> claimsRead(String body) {
        Set<String> claims = new LinkedHashSet<>();
        if (body == null) {
            return claims;
        }
        String text = body.toLowerCase(Locale.ROOT);
        Matcher auth = AUTH_CALL.matcher(text);
        while (auth.find()) {
            switch (auth.group(1)) {
                case "uid" -> claims.add("sub");
                case "role" -> claims.add("role");
                case "email" -> claims.add("email");
                default -> claims.add(auth.group(3) != null ? auth.group(3) : ANY_CLAIM);
            }
        }
        Matcher setting = SETTING.matcher(text);
        while (setting.find()) {
            claims.add(setting.group(1) != null ? setting.group(1) : setting.group(3) != null ? setting.group(3) : ANY_CLAIM);
        }
        if (claims.isEmpty() && text.contains("request.jwt.claim")) {
            claims.add(ANY_CLAIM);
        }
        return claims;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of the key: {@code vary}, else all. */
    public Optional<List<String>> varyClaims() {
        return Optional.ofNullable(vary);
    }
}
