package io.fdwgateway.admit;

import io.fdwgateway.support.RedisTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The gateway configurations the admit stage is tested in; tests of one profile share one start. */
final class AdmissionProfiles {

    /** Per-caller limit of the profiles. */
    static final int PER_CALLER = 30;
    /** Limit of {@code add} per caller. */
    static final int ADD = 2;
    /** How long answers are kept: short enough to test expiry, long enough that a replay on a loaded machine comes before it. */
    static final int TTL_SECONDS = 20;

    private AdmissionProfiles() {
    }

    static Map<String, String> limits() {
        Map<String, String> config = new HashMap<>();
        config.put("gateway.rate-limit.per-caller.requests", String.valueOf(PER_CALLER));
        config.put("gateway.rate-limit.per-caller.period", "1m");
        config.put("gateway.rate-limit.function.\"add\".requests", String.valueOf(ADD));
        config.put("gateway.rate-limit.function.\"add\".period", "1m");
        config.put("gateway.idempotency.ttl", TTL_SECONDS + "s");
        return config;
    }

    /** Memory stores, behind a trusted proxy at 127.0.0.1 that sets X-Forwarded-For. */
    public static class Memory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = limits();
            config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            config.put("quarkus.http.proxy.allow-x-forwarded", "true");
            config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
            return config;
        }
    }

    /** Both stores in the machine's Redis; no proxy forwarding. */
    public static class Redis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = limits();
            config.put("gateway.rate-limit.store", "redis");
            config.put("gateway.idempotency.store", "redis");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisTestResource.class));
        }
    }

    /** Both stores in a Redis that refuses connections; rate limits let calls through. */
    public static class RedisDownAllow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = limits();
            config.put("gateway.rate-limit.store", "redis");
            config.put("gateway.idempotency.store", "redis");
            config.put("gateway.rate-limit.redis-failure", "allow");
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + closedPort());
            return config;
        }
    }

    /** As {@link RedisDownAllow}, but rate limits refuse calls while Redis is down. */
    public static class RedisDownDeny implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new RedisDownAllow().getConfigOverrides();
            config.put("gateway.rate-limit.redis-failure", "deny");
            return config;
        }
    }

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
