package io.fdwgateway.observe;

import io.fdwgateway.config.AccessLogConfig;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.logging.LogText;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The access log: one INFO record per answered request, under the category
 * {@value #CATEGORY}, from its {@link Observation}. The fields ({@code requestId},
 * {@code method}, {@code function}, {@code role}, {@code sub}, {@code status}, {@code code},
 * {@code durationMs}, {@code bytes}, {@code traceId}) are in the MDC while the record is
 * written, so the JSON console log of production has each as a key of the record's
 * {@code mdc} object; the message repeats them as {@code key=value} for a readable log.
 * Absent values (no role, no code, an anonymous caller) are left out, never written as empty.
 *
 * <p>Nothing else about the request is logged: not its arguments, its token, claims other than
 * {@code sub}, nor its result.
 */
@Singleton
public class AccessLog {

    public static final String CATEGORY = "io.fdwgateway.access";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final boolean enabled;
    private final AccessLogConfig.Subject subject;

    @Inject
    public AccessLog(GatewayConfig config) {
        this(config.accessLog().enabled(), config.accessLog().subject());
    }

    AccessLog(boolean enabled, AccessLogConfig.Subject subject) {
        this.enabled = enabled;
        this.subject = subject;
    }

    void observe(@Observes Observation call) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        Map<String, String> fields = fields(call);
        Map<String, Object> before = new LinkedHashMap<>();
        StringBuilder message = new StringBuilder();
        fields.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            MDC.put(key, value);
            message.append(message.isEmpty() ? "" : " ").append(key).append('=').append(value);
        });
        if (call.clientGone()) {
            message.append(" (client gone)");
        }
        try {
            LOG.info(message);
        } finally {
            // what was there before (the request id and trace id of the call itself) stays
            before.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    /** The record's fields, in the contract's order, absent ones left out. */
    Map<String, String> fields(Observation call) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", call.requestId());
        fields.put("method", call.method());
        fields.put("function", call.function() == null ? Observation.UNKNOWN_FUNCTION : call.function());
        putIfPresent(fields, "role", call.role());
        putIfPresent(fields, "sub", subject(call.subject()));
        fields.put("status", Integer.toString(call.status()));
        putIfPresent(fields, "code", call.code());
        fields.put("durationMs", millis(call.durationNanos()));
        fields.put("bytes", Long.toString(call.bytes()));
        putIfPresent(fields, "traceId", call.traceId());
        return fields;
    }

    /**
     * Nanoseconds as milliseconds with three decimals, rounded half up: what
     * {@code String.format(Locale.ROOT, "%.3f", nanos / 1e6)} writes (a whole number of
     * nanoseconds is exactly a decimal of six places, which that rounds half up), without a
     * Formatter per record (about 3 % of the CPU samples of case (a) outside the JIT).
     */
    static String millis(long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        long fraction = micros % 1000;
        return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    private String subject(String sub) {
        if (sub == null) {
            return null;
        }
        return switch (subject) {
            case PLAIN -> LogText.escape(sub);
            case HASH -> hash(sub);
            case OMIT -> null;
        };
    }

    static String hash(String sub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sub.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void putIfPresent(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
