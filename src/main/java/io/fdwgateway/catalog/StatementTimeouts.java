package io.fdwgateway.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement timeouts the database itself sets: a function's own {@code SET
 * statement_timeout} ({@code pg_proc.proconfig}) and a role's ({@code ALTER ROLE … [IN DATABASE
 * …] SET statement_timeout}, {@code pg_db_role_setting}). Postgres applies neither to the
 * gateway's calls by itself: a function's setting takes effect after its statement's timer is
 * armed, and a role's only at login, while the gateway switches roles inside a transaction.
 * So the gateway reads them and sends the one that applies with each call.
 *
 * @param byRole each role's own setting; one for the current database wins over one for all
 */
public record StatementTimeouts(Map<String, Duration> byRole) {

    private static final String SETTING = "statement_timeout=";
    private static final Pattern VALUE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s|min|h|d)?\\s*");

    public StatementTimeouts {
        byRole = Map.copyOf(byRole);
    }

    public static StatementTimeouts none() {
        return new StatementTimeouts(Map.of());
    }

    /** The role's own setting, if it has a positive one. */
    public Optional<Duration> forRole(String role) {
        return Optional.ofNullable(byRole.get(role));
    }

    /**
     * The {@code statement_timeout} among settings such as {@code proconfig}'s
     * ({@code name=value} each); empty when there is none, or it is 0 (Postgres' "no limit",
     * which the gateway never grants: its own timeout applies then) or does not parse.
     */
    public static Optional<Duration> fromSettings(List<String> settings) {
        return settings.stream().filter(s -> s.startsWith(SETTING)).reduce((a, b) -> b)
                .flatMap(s -> parse(s.substring(SETTING.length())));
    }

    /** A {@code statement_timeout} value as Postgres reads it: milliseconds unless a unit says otherwise. */
    public static Optional<Duration> parse(String value) {
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long microsPerUnit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "us" -> 1L;
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "min" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            default -> 86_400_000_000L;
        };
        // Postgres rounds to its base unit, the millisecond
        long millis = amount.multiply(BigDecimal.valueOf(microsPerUnit)).divide(BigDecimal.valueOf(1000), 0,
                RoundingMode.HALF_UP).longValueExact();
        return millis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
}
