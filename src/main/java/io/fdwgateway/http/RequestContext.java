package io.fdwgateway.http;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request as SQL sees it, PostgREST's way: {@code request.headers}, a JSON object of the
 * headers with lower-case names (a repeated header's values joined with ", "), and
 * {@code request.cookies}, a JSON object of the cookies. Credentials stay out: the
 * {@code Authorization} header is already verified into {@code request.jwt.claims}, and
 * {@code Cookie} is available, parsed, as {@code request.cookies}.
 */
public final class RequestContext {

    /** Not passed to SQL: credentials, and the cookie header that request.cookies carries. */
    private static final Set<String> LEFT_OUT = Set.of("authorization", "proxy-authorization", "cookie");

    private RequestContext() {
    }

    public static String headersJson(MultiMap headers) {
        Map<String, String> json = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (LEFT_OUT.contains(name)) {
                continue;
            }
            String value = header.getValue();
            json.merge(name, value, (earlier, next) -> earlier + ", " + next);
        }
        return JsonText.object(json);
    }

    /** Every {@code Cookie} header's cookies; a cookie named twice keeps its first value (RFC 6265, section 5.4). */
    static String cookiesJson(List<String> cookieHeaders) {
        JsonObject json = new JsonObject();
        for (String header : cookieHeaders) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (!json.containsKey(cookie.name())) {
                    json.put(cookie.name(), cookie.value());
                }
            }
        }
        return json.encode();
    }
}
