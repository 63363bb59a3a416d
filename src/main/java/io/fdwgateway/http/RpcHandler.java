package io.fdwgateway.http;

import io.fdwgateway.config.ApiPath;
import io.fdwgateway.admit.IdempotentCall;
import io.fdwgateway.admit.StoredAnswer;
import io.fdwgateway.auth.Caller;
import io.fdwgateway.cache.CachedAnswer;
import io.fdwgateway.auth.CallerResolver;
import io.fdwgateway.call.Arguments;
import io.fdwgateway.call.CallPlan;
import io.fdwgateway.call.CallPlanner;
import io.fdwgateway.call.ResultRequest;
import io.fdwgateway.catalog.Catalog;
import io.fdwgateway.catalog.Routine;
import io.fdwgateway.catalog.SchemaCache;
import io.fdwgateway.catalog.Verbs;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.error.ErrorCode;
import io.fdwgateway.error.GatewayError;
import io.fdwgateway.error.GatewayException;
import io.fdwgateway.exec.CallExecutor;
import io.fdwgateway.exec.CallSession;
import io.fdwgateway.config.GatewayConfig;
import io.fdwgateway.role.CallerRoles;
import io.fdwgateway.shape.Media;
import io.fdwgateway.shape.ShapeRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /rpc/{function}}, the http stage: read the request, authenticate, resolve the role,
 * admit (rate limits), plan, admit again (idempotency keys), execute, answer. Each step is
 * another package's; this class only puts them in order. The order decides which error a
 * request with several faults gets, and is part of the contract: 406, then 413, then 401, 403,
 * then 429, then the arguments (400, 415), then the function (404, 405), then an idempotency
 * key (400, 409, 422), then the database.
 */
@Singleton
public class RpcHandler {

    private final CallerResolver callers;
    private final CallerRoles roles;
    private final SchemaCache cache;
    private final CallExecutor executor;
    private final RequestReader reader;
    private final ResponseWriter writer;
    private final AdmitStep admit;
    private final Profiles profiles;
    private final ApiPath api;
    private final boolean allowTxRollback;
    private final Long maxRows;

    public RpcHandler(CallerResolver callers, CallerRoles roles, SchemaCache cache, CallExecutor executor,
                      RequestReader reader, ResponseWriter writer, AdmitStep admit, Profiles profiles,
                      ApiPath api, GatewayConfig config) {
        this.maxRows = config.maxRows().map(Integer::longValue).orElse(null);
        this.callers = callers;
        this.roles = roles;
        this.cache = cache;
        this.executor = executor;
        this.reader = reader;
        this.writer = writer;
        this.admit = admit;
        this.profiles = profiles;
        this.api = api;
        this.allowTxRollback = config.allowTxRollback();
    }

    void handle(RoutingContext rc) {
        Exchange exchange = Exchange.of(rc);
        String name = rc.pathParam("function");
        Optional<String> profile;
        try {
            profile = profiles.requested(rc);
        } catch (GatewayException e) {
            writer.problem(rc, e.error());
            return;
        }
        Catalog catalog = profile.map(cache.current()::inSchema).orElseGet(cache::current);
        Optional<Verbs> verbs = catalog.verbs(name);
        if (verbs.isPresent()) {
            exchange.routed(name);
            profiles.answeredFrom(rc, catalog.lookup(name).get(0).schema());
        }
        HttpMethod method = rc.request().method();
        boolean get = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (!get && method != HttpMethod.POST) {
            if (verbs.isEmpty()) {
                writer.problem(rc, new GatewayError.NotFound());
            } else if (method == HttpMethod.OPTIONS) {
                writer.allow(rc, verbs.get());
            } else {
                writer.problem(rc, new GatewayError.MethodNotAllowed(verbs.get().allow()));
            }
            return;
        }
        List<Media> acceptable = reader.acceptable(rc);
        if (acceptable.isEmpty()) {
            writer.problem(rc, new GatewayError.NotAcceptable());
            return;
        }
        reader.body(rc)
                .compose(body -> caller(rc).compose(caller -> call(rc, catalog, name, get, body, caller, acceptable)))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().cached() != null) {
                        writer.cached(rc, ar.result().cached());
                    } else if (ar.succeeded() && ar.result().replay() != null) {
                        writer.replay(rc, ar.result().replay());
                    } else if (ar.succeeded()) {
                        writer.result(rc, ar.result().sent());
                    } else {
                        writer.failure(rc, ar.cause());
                    }
                });
    }

    private Future<Answer> call(RoutingContext rc, Catalog catalog, String name, boolean get, Buffer body,
                                Caller caller, List<Media> acceptable) {
        Exchange exchange = Exchange.of(rc);
        if (!caller.anonymous()) {
            exchange.subject(caller.subject());
        }
        CallerRoles.Assignment assigned = roles.assign(caller, exchange.requestId());
        exchange.role(assigned.role());
        return admit.limit(rc, caller, name, exchange.function()).compose(callerKey -> {
            boolean rollback = transactionEnd(rc, exchange);
            // a set's query parameters that name no argument of the function shape its result
            boolean sets = CallPlanner.returnsSets(catalog, name);
            Map<String, List<String>> query = RequestReader.queryParameters(rc);
            Map<String, List<String>> shaping = new LinkedHashMap<>();
            Arguments arguments;
            Optional<Routine> raw = Optional.empty();
            if (get) {
                Map<String, List<String>> named = new LinkedHashMap<>(query);
                if (sets) {
                    Set<String> argumentNames = CallPlanner.argumentNames(catalog, name);
                    query.forEach((k, v) -> {
                        if (!argumentNames.contains(k)) {
                            shaping.put(k, v);
                            named.remove(k);
                        }
                    });
                }
                arguments = reader.queryArguments(named);
            } else {
                raw = CallPlanner.rawBody(catalog, name, rc.request().getHeader("Content-Type"));
                arguments = raw.isPresent() ? RequestReader.rawArguments(raw.get(), body)
                        : reader.bodyArguments(rc, body, sets);
                if (sets) {
                    shaping.putAll(query);
                }
            }
            ResultRequest results = new ResultRequest(acceptable,
                    sets ? reader.shaping(rc, shaping, countExact(exchange)) : ShapeRequest.NONE, maxRows);
            CallPlan plan = raw.isPresent()
                    ? CallPlanner.planRaw(catalog, raw.get(), RequestReader.rawText(arguments), results)
                    : CallPlanner.plan(catalog, name, arguments, get, caller, results);
            // HEAD is GET without a body, also for the function; the path is the normalised one that was routed
            CallSession session = new CallSession(assigned.role(), assigned.claimsJson(), get ? "GET" : "POST",
                    api.withinApi(routedPath(rc)), !caller.anonymous(), exchange.requestId(),
                    RequestContext.headersJson(rc.request().headers()),
                    RequestContext.cookiesJson(rc.request().headers().getAll("Cookie")), rollback,
                    catalog.statementTimeout(plan.routine(), assigned.role()).orElse(null));
            Optional<String> cacheKey = admit.cacheKey(rc, plan, assigned.role(), caller, rollback);
            if (cacheKey.isPresent()) {
                return admit.cached(rc, plan, cacheKey.get()).compose(hit -> hit != null
                        ? Future.succeededFuture(new Answer(null, null, hit)) : execute(rc, plan, session));
            }
            Optional<String> key = admit.key(rc, plan, get);
            if (key.isEmpty()) {
                return execute(rc, plan, session);
            }
            return admit.begin(callerKey, plan, assigned.role(), arguments, key.get()).compose(idempotent -> {
                if (idempotent instanceof IdempotentCall.Replay replay) {
                    return Future.succeededFuture(new Answer(null, replay.answer(), null));
                }
                exchange.idempotent((IdempotentCall.Run) idempotent);
                return execute(rc, plan, session);
            });
        });
    }

    private Future<Answer> execute(RoutingContext rc, CallPlan plan, CallSession session) {
        return executor.run(plan, session, clientGone(rc))
                .onSuccess(result -> Exchange.of(rc).functionResponse(result.response()))
                .map(result -> new Answer(Representation.of(plan, result), null, null));
    }

    /**
     * Reads {@code Prefer} (400 under {@code handling=strict} for what it does not know) and
     * decides how the transaction ends: true for an allowed {@code tx=rollback}.
     */
    private boolean transactionEnd(RoutingContext rc, Exchange exchange) {
        Preferences preferences = Preferences.parse(rc.request().headers().getAll(Preferences.HEADER));
        exchange.preferences(preferences);
        if (preferences.tx().isEmpty()) {
            return false;
        }
        Preferences.Tx tx = preferences.tx().get();
        if (tx == Preferences.Tx.ROLLBACK && !allowTxRollback) {
            throw new GatewayException(new GatewayError.BadRequest(ErrorCode.TX_ROLLBACK,
                    "Prefer: tx=rollback is not allowed here: a rollback cannot undo what a foreign data wrapper"
                            + " already did upstream (gateway.allow-tx-rollback is off)."));
        }
        exchange.applied(tx.token());
        return tx == Preferences.Tx.ROLLBACK;
    }

    /**
     * Completes when the client's connection closes before the response has been sent: the
     * executor then cancels the running call.
     */
    private static Future<Void> clientGone(RoutingContext rc) {
        Promise<Void> gone = Promise.promise();
        rc.response().closeHandler(v -> gone.tryComplete());
        if (rc.response().closed()) {
            gone.tryComplete();
        }
        return gone.future();
    }

    /** {@code Prefer: count=exact}, reported as applied when the result is a set's (and so counted). */
    private static boolean countExact(Exchange exchange) {
        boolean exact = exchange.preferences().count().filter(c -> c == Preferences.Count.EXACT).isPresent();
        if (exact) {
            exchange.applied(Preferences.Count.EXACT.token());
        }
        return exact;
    }

    /** The path as routed: dot segments resolved, unreserved escapes decoded, no trailing slash. */
    private static String routedPath(RoutingContext rc) {
        String path = rc.normalizedPath();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The caller, from the identity quarkus-oidc attached to the request. With proactive
     * authentication off, the security handler leaves a deferred identity in the routing
     * context and a default failure handler that would answer a failed authentication itself
     * (an empty 401); the gateway answers it, as problem+json, so that handler is removed
     * before the identity is first asked for.
     */
    private Future<Caller> caller(RoutingContext rc) {
        rc.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        Promise<Caller> promise = Promise.promise();
        callers.resolve(rc).subscribe().with(promise::complete, promise::fail);
        return promise.future();
    }

    /**
     * What to answer: the call's result in its representation, or the kept answer of an
     * idempotent call, sent instead of running it again, or the response cache's answer.
     */
    private record Answer(Representation.Sent sent, StoredAnswer replay, CachedAnswer cached) {
    }
}
