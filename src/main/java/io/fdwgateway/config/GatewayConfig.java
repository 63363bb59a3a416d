package io.fdwgateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from configuration; the keys are a public contract. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * Schemas whose SECURITY DEFINER functions are served, searched in this order for
     * {@code /rpc/{function}}. Nothing outside them is ever callable.
     */
    @WithDefault("public")
    List<String> exposedSchemas();

    /** How a verified caller becomes a Postgres role. */
    RoleConfig role();

    /**
     * Longest a single call may run in Postgres ({@code statement_timeout} for the call's
     * transaction). A slower call is cancelled by Postgres and answers 504.
     */
    @WithDefault("10s")
    Duration statementTimeout();

    /**
     * How long past {@link #statementTimeout()} the gateway waits for Postgres to answer a
     * call. Postgres cannot interrupt everything (a foreign server that accepts a connection
     * and never answers holds a postgres_fdw connect before PostgreSQL 17; a frozen network
     * path holds any call): when this deadline passes, the gateway sends Postgres a cancel
     * request, closes that connection (it never returns to the pool) and answers 504
     * {@code GW504-deadline}.
     */
    @WithDefault("2s")
    Duration statementTimeoutMargin();

    /**
     * Largest result a call may return, in bytes of the JSON Postgres builds ({@code 16M} =
     * 16 MiB). Postgres measures the result before sending it: a larger one never leaves the
     * database, and the call answers 502 {@code GW502-response-too-large}. Each call in
     * flight may hold up to this much memory twice (network buffer and response), so keep
     * {@code max-response-bytes} × the pool size well inside the heap.
     */
    @WithDefault("16M")
    MemorySize maxResponseBytes();

    /**
     * Whether {@code Prefer: tx=rollback} is honoured: the call runs, its answer is sent, and
     * its transaction is rolled back instead of committed. Off by default, because a rollback
     * undoes only what happened in Postgres: a foreign data wrapper's calls to an upstream API
     * (a Stripe charge, an S3 upload) have already happened and stay done. While off, such a
     * request answers 400 {@code GW400-tx-rollback}.
     */
    @WithDefault("false")
    boolean allowTxRollback();

    /**
     * A function to run before every call, in the call's transaction, after the session
     * settings (role, claims, request headers and cookies) and before the call itself:
     * {@code schema.function}, taking no arguments (PostgREST's {@code db-pre-request}).
     * Whatever it raises answers like the call's own errors, so it can refuse a caller by
     * raising; it may set {@code response.headers}. The caller's role needs EXECUTE on it.
     */
    Optional<String> preRequest();

    /**
     * Most rows a set-returning function's answer holds (unset: no cap). Applied after the
     * function ran, like {@code limit}, which it also caps; {@code Content-Range} shows the rows
     * sent ({@code 0-14/*}), and with {@code Prefer: count=exact} how many there were. It bounds
     * the answer, not the work: the function still produces its whole result inside Postgres.
     */
    Optional<@WithConverter(Positive.Count.class) Integer> maxRows();

    /** Connection pool behaviour beyond the {@code quarkus.datasource.reactive.*} keys. */
    PoolConfig pool();

    /** Bearer token handling beyond the {@code quarkus.oidc.*} keys. */
    AuthConfig auth();

    /** The schema cache: how its catalog is loaded and reloaded ({@code gateway.catalog.*}). */
    CatalogConfig catalog();

    /** Rate limits per caller and per caller and function ({@code gateway.rate-limit.*}). */
    RateLimitConfig rateLimit();

    /** The posture audit ({@code gateway.audit.*}). */
    AuditConfig audit();

    /** The response cache of {@code @cache} functions ({@code gateway.cache.*}). */
    CacheConfig cache();

    /** Idempotency keys on POSTs to VOLATILE functions ({@code gateway.idempotency.*}). */
    IdempotencyConfig idempotency();

    /**
     * Budgets and circuit breakers per foreign server, keyed by the server's name:
     * {@code gateway.upstream."stripe_server".max-concurrent=8}.
     */
    Map<String, UpstreamConfig> upstream();

    /** The same keys for every foreign server not named under {@code gateway.upstream} ({@code gateway.upstream-defaults.*}). */
    UpstreamConfig upstreamDefaults();

    /** Use of Redis by the {@code redis} stores ({@code gateway.redis.*}). */
    RedisConfig redis();

    /** The access log of answered requests ({@code gateway.access-log.*}). */
    AccessLogConfig accessLog();

    /** Exposure of the OpenAPI document and Swagger UI ({@code gateway.openapi.*}). */
    OpenApiConfig openapi();

    /** The self warm-up before readiness ({@code gateway.warmup.*}). */
    WarmupConfig warmup();

    /**
     * Role rules per quarkus-oidc tenant ({@code gateway.tenants."<tenant>".role.*}), for a gateway
     * that accepts tokens of several issuers ({@code quarkus.oidc.<tenant>.*} with
     * {@code quarkus.oidc.resolve-tenants-with-issuer=true}). A token verified by a tenant listed
     * here is resolved with that tenant's claim, default and mapping; every other token with
     * {@code gateway.role.*}. The allow-list and the anonymous role stay global.
     */
    Map<String, TenantConfig> tenants();

    /** One tenant's overrides ({@code gateway.tenants."<tenant>".*}). */
    interface TenantConfig {

        /** Overrides of {@code gateway.role.claim}, {@code .default} and {@code .mapping.*}. */
        TenantRoleConfig role();
    }

    /** A tenant's role rules; whatever is unset is taken from {@code gateway.role.*}. */
    interface TenantRoleConfig {

        /** The claim holding the role in this issuer's tokens, as {@code gateway.role.claim}. */
        Optional<String> claim();

        /** Role for this issuer's tokens whose claim is absent, as {@code gateway.role.default}. */
        @WithName("default")
        Optional<String> defaultRole();

        /**
         * This issuer's role names → Postgres roles. When any entry is given, it replaces
         * {@code gateway.role.mapping} for this tenant (another issuer's role names mean nothing
         * here); when none is, the global mapping applies.
         */
        Map<String, String> mapping();
    }

    /** Role resolution settings ({@code gateway.role.*}). */
    interface RoleConfig {

        /**
         * Claim holding the caller's role: a top-level claim name (which may itself contain
         * dots, as namespaced claims do) or else a dotted path into nested claims, such as
         * {@code realm_access.roles}. Strings and arrays of strings are accepted.
         */
        @WithDefault("role")
        String claim();

        /** Role for a valid token whose role claim is absent or grants no allowed role. */
        @WithName("default")
        @WithDefault("authenticated")
        String defaultRole();

        /**
         * Role for requests that carry no token. When unset, such requests answer 401.
         */
        Optional<String> anonymous();

        /**
         * The only roles the gateway ever sets, in order of preference when a claim array
         * grants several. A claim naming any other role answers 403 and never reaches
         * Postgres.
         */
        @WithDefault("anon,authenticated")
        List<String> allowed();

        /**
         * Optional translation from identity-provider role names (claim values) to Postgres
         * roles: {@code gateway.role.mapping."realm-admin"=service_role}.
         */
        Map<String, String> mapping();
    }

    /**
     * The embedded default for dev mode and tests ({@code gateway.dev.*}). The production
     * artifact does not contain it, so these keys do nothing there: it uses only the
     * configured database and issuer.
     */
    DevConfig dev();

    /** Settings of the embedded default ({@code gateway.dev.*}). */
    interface DevConfig {

        /** Start an embedded Postgres with the reference database and a local OIDC issuer. */
        @WithDefault("false")
        boolean embedded();

        /**
         * Superuser JDBC URL of an existing server to load the reference database into
         * instead of starting an embedded one (its databases fdw_gateway and stripe_api are
         * dropped and recreated), e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
         */
        Optional<String> adminJdbcUrl();

        /** Port of the embedded Postgres; 0 picks a free one. */
        @WithDefault("0")
        int databasePort();

        /** Port of the local OIDC issuer; 0 picks a free one. */
        @WithDefault("0")
        int issuerPort();

        /** Folder holding the reference database SQL. */
        @WithDefault("sql")
        String sqlDir();
    }

    /** Pool settings ({@code gateway.pool.*}). */
    interface PoolConfig {

        /**
         * Calls allowed to wait for a free connection. Beyond that a call answers 503 at
         * once instead of queueing without bound.
         */
        @WithDefault("256")
        int maxWaitQueue();

        /** Longest a call waits for a free connection before answering 503. */
        @WithDefault("5s")
        Duration acquireTimeout();
    }

    /** Bearer token handling ({@code gateway.auth.*}). */
    interface AuthConfig {

        /**
         * Verified bearer tokens remembered, so a repeated token skips signature verification.
         * Keyed by the token's content (encoding variants of one token share an entry); the
         * least used entries are evicted beyond this size. 0 turns the cache off.
         */
        @WithDefault("10000")
        int tokenCacheSize();

        /**
         * Longest a verified token is remembered (never beyond its {@code exp}). A token already
         * verified stays accepted this much longer after its signing key is withdrawn from the
         * issuer's key set, on top of {@link #jwksMaxAge()}.
         */
        @WithDefault("60s")
        Duration tokenCacheTtl();

        /**
         * Longest a signing key fetched from the issuer's JWKS endpoint is trusted before it is
         * fetched again: a key withdrawn from the key set verifies no new token after this long.
         * Sets quarkus-oidc's {@code quarkus.oidc.jwks.cache-time-to-live} and
         * {@code quarkus.oidc.jwks.clean-up-timer-interval}, which are then not set directly.
         */
        @WithDefault("5m")
        Duration jwksMaxAge();

        /**
         * In production the gateway refuses to start without {@code quarkus.oidc.token.audience},
         * because tokens the identity provider issued to any other client would then be accepted.
         * Set this to true to accept any audience deliberately; a warning is logged at start.
         */
        @WithDefault("false")
        boolean allowAnyAudience();

        /**
         * Publishable (anonymous) API keys, comma-separated, such as Supabase's
         * {@code sb_publishable_…} key: a signed-out supabase-js client sends its key as
         * {@code Authorization: Bearer <key>}. A bearer equal to one of them (compared in constant
         * time) is an anonymous caller, with {@code gateway.role.anonymous}, or 401 when that is
         * unset. These keys are public by design: they identify an application, never a caller.
         */
        Optional<List<String>> publishableKeys();
    }

    /**
     * Schema cache settings ({@code gateway.catalog.*}). The catalog is read, and the posture
     * audit run, on a connection of its own (not the request pool), so calls holding every pool
     * connection cannot keep a reload, and with it the posture gate, from running.
     */
    interface CatalogConfig {

        /**
         * Shortest time between the starts of two catalog loads. Reload requests that come
         * faster (every DDL command sends one, and any role that can log in may send
         * {@code NOTIFY fdw_gateway}) are coalesced into one load at the end of the interval.
         * Also the first delay before a failed load is retried.
         */
        @WithDefault("1s")
        Duration reloadMinInterval();

        /**
         * Longest delay between two attempts: a failed load is retried after
         * {@code reload-min-interval}, then twice as long each time up to this; the LISTEN
         * connection reconnects after a lost connection the same way, starting at 500 ms.
         */
        @WithDefault("30s")
        Duration retryMaxBackoff();

        /**
         * How long the catalog may stay unconfirmed (a reload was asked for, or failed, and no
         * load has succeeded since) before readiness reports the schema cache as stale (DOWN):
         * the posture gate has not been able to look at the database for that long.
         */
        @WithDefault("60s")
        Duration staleAfter();

        /**
         * Longest one catalog load may take: connecting, the posture audit and the catalog
         * read. Also the statement timeout of the load's transaction. A slower load fails and
         * is retried.
         */
        @WithDefault("30s")
        Duration loadTimeout();
    }
}
