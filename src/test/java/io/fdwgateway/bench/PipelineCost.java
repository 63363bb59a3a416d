package io.fdwgateway.bench;

import io.fdwgateway.auth.Caller;
import io.fdwgateway.auth.VerifiedTokenCache;
import io.fdwgateway.call.ArgumentReader;
import io.fdwgateway.call.Arguments;
import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallPlanner;
import io.fdwgateway.call.CallStatements;
import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.ReturnShape;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.Routine.Argument;
import io.fdwgateway.catalog.Volatility;
import io.fdwgateway.exec.CallSession;
import io.fdwgateway.logging.RequestIds;
import io.fdwgateway.role.CallerRoles;
import io.fdwgateway.role.RoleResolver;
import io.fdwgateway.http.RequestContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The regression guard of bench/guard.sh: the gateway's own per-call work without the network
 * (the verified-token cache's lookup of a repeated token, query or body to arguments, request id,
 * planning with the SQL text, role and claims, the
 * request headers as JSON, the bound values of every statement), measured as CPU time and bytes allocated per call on one
 * thread. Bytes per call hardly depend on the machine's load, so they compare across runs and
 * machines; CPU time per call is the thread's own, not wall-clock, but still moves with cache
 * and frequency effects of other work. Not a test: run by bench/guard.sh, never by the build.
 *
 * <p>Arguments: calls per round (default 1,000,000), rounds (default 5).
 */
public final class PipelineCost {

    private static final Argument A = new Argument("a", "pg_catalog.int4", "integer", false, false);
    private static final Argument B = new Argument("b", "pg_catalog.int4", "integer", true, false);
    private static final Argument PREFIX = new Argument("name_prefix", "pg_catalog.text", "text", false, false);
    private static final Catalog CATALOG = Catalog.of(List.of(
            new Routine(1, "public", "add", List.of(A, B), List.of(), ReturnShape.SCALAR, Volatility.IMMUTABLE,
                    "integer", null),
            new Routine(2, "public", "list_plans", List.of(), List.of(), ReturnShape.SET_OF_ROWS, Volatility.STABLE,
                    "record", null),
            new Routine(3, "public", "get_stripe_products", List.of(PREFIX), List.of(), ReturnShape.SET_OF_ROWS,
                    Volatility.STABLE, "record", null)));

    private static final CallStatements STATEMENTS = new CallStatements(Duration.ofSeconds(10), 16L * 1024 * 1024,
            Optional.empty());
    private static final CallerRoles ROLES = new CallerRoles(new RoleResolver(new RoleResolver.RoleRules("role",
            "authenticated", Optional.of("anon"), List.of("anon", "authenticated"), Map.of())));
    /** One verified caller, as the token cache hands back for a repeated token. */
    private static final Caller CALLER = Caller.of(new JsonObject()
            .put("sub", "bench").put("aud", "fdw-gateway").put("iss", "http://127.0.0.1:18180/realms/dev")
            .put("exp", 4_102_444_800L).put("iat", 1_700_000_000L));

    /**
     * A token of the shape and size the local issuer signs (RS256: a 256-byte signature), as the
     * client repeats it; the cache holds its caller, as after the first call.
     */
    private static final String AUTHORIZATION = "Bearer " + fakeToken();
    private static final VerifiedTokenCache TOKENS = new VerifiedTokenCache(10_000, Duration.ofDays(1),
            System::currentTimeMillis);

    static {
        TOKENS.put(AUTHORIZATION.substring("Bearer ".length()), CALLER);
    }

    /** The headers of bench/auth.lua's requests under wrk. */
    private static final MultiMap WRK_HEADERS = MultiMap.caseInsensitiveMultiMap().add("Host", "127.0.0.1:18080")
            .add("Authorization", AUTHORIZATION).add("Accept", "application/json");

    /** Keeps the router's verb lookup from being optimised away. */
    private static volatile boolean CALL_VERBS_SINK;

    /** name, verb, query or body */
    private record Case(String label, String function, boolean get, String input) {
    }

    private static final List<Case> CASES = List.of(
            new Case("(a) GET /rpc/add?a=1&b=2", "add", true, "a=1&b=2"),
            new Case("(b) GET /rpc/list_plans", "list_plans", true, ""),
            new Case("(c) GET /rpc/get_stripe_products?name_prefix=Pro", "get_stripe_products", true, "name_prefix=Pro"),
            new Case("POST /rpc/add {\"a\":1,\"b\":2}", "add", false, "{\"a\":1,\"b\":2}"));

    private PipelineCost() {
    }

    private static String fakeToken() {
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[256];
        new java.util.Random(15).nextBytes(signature);
        return url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench-key-1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString(CALLER.claims().encode().getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString(signature);
    }

    /** One call's work between the HTTP request and the pipelined statements; the result keeps it alive. */
    static int call(Case c) {
        String requestId = RequestIds.of(null);
        // the token as the request carries it: a new string per request, its hash not yet computed
        Caller caller = TOKENS.get(AUTHORIZATION.substring("Bearer ".length()));
        Arguments arguments = c.get()
                ? ArgumentReader.fromQuery(c.input().isEmpty() ? Map.of()
                        : new QueryStringDecoder(c.input(), StandardCharsets.UTF_8, false, 1000).parameters())
                : ArgumentReader.fromBody(c.input());
        CALL_VERBS_SINK = CATALOG.verbs(c.function()).isPresent();
        CallPlan plan = CallPlanner.plan(CATALOG, c.function(), arguments, c.get());
        CallerRoles.Assignment assigned = ROLES.assign(caller, requestId);
        // request.headers as the http stage writes them for wrk's request (lower case, no credentials)
        String headers = RequestContext.headersJson(WRK_HEADERS);
        CallSession session = new CallSession(assigned.role(), assigned.claimsJson(), c.get() ? "GET" : "POST",
                "/rpc/" + c.function(), true, requestId, headers, "{}", false, null);
        Tuple settings = STATEMENTS.sessionSettings(session.role(), session.claimsJson(), session.method(),
                session.path(), session.headersJson(), session.cookiesJson());
        Tuple values = STATEMENTS.callValues(plan);
        return settings.size() + values.size() + plan.sql().length() + session.requestId().length();
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        // JIT warm-up of every case, interleaved, as in a server
        for (int i = 0; i < calls; i++) {
            sink += call(CASES.get(i % CASES.size()));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("| %-50s | %12s | %14s | %12s |%n", "per-call pipeline, no network",
                "CPU ns/call", "bytes/call", "min–max ns"));
        out.append("|----------------------------------------------------|-------------:|---------------:|-------------:|\n");
        for (Case c : CASES) {
            List<Double> nanos = new ArrayList<>();
            List<Double> bytes = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long mem0 = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    sink += call(c);
                }
                nanos.add((threads.getCurrentThreadCpuTime() - cpu0) / (double) calls);
                bytes.add((threads.getCurrentThreadAllocatedBytes() - mem0) / (double) calls);
            }
            Collections.sort(nanos);
            Collections.sort(bytes);
            out.append(String.format("| %-50s | %12.0f | %14.0f | %5.0f–%-6.0f |%n", c.label(),
                    nanos.get(rounds / 2), bytes.get(rounds / 2), nanos.get(0), nanos.get(rounds - 1)));
        }
        out.append(String.format("(median of %d rounds of %,d calls after %,d warm-up calls; checksum %d)%n",
                rounds, calls, calls, sink));
        System.out.print(out);
    }
}
