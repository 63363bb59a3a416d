package io.fdwgateway.admit;

import io.fdwgateway.auth.Caller;
import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Who a call counts against, as a short opaque id: the token's issuer and {@code sub}, or the
 * client address for a call without a token (or a token without {@code sub}). The id is a hash,
 * so neither subjects nor addresses are written to the shared store.
 *
 * <p>An IPv6 client counts by its /64 network: one host is usually given a whole /64, and could
 * otherwise take a new address, and a new allowance, for every call.
 *
 * @param id url-safe base64 of 128 bits of SHA-256; never contains braces
 */
public record CallerKey(String id) {

    /**
     * @param address the client address as Quarkus' {@code quarkus.http.proxy.*} settings make it
     *                (the forwarded one when the request came through a trusted proxy); may be null
     */
    public static CallerKey of(Caller caller, SocketAddress address) {
        if (!caller.anonymous() && caller.subject() != null) {
            Object issuer = caller.claims().getValue("iss");
            return new CallerKey(hash("token\n" + (issuer instanceof String s ? s : "") + "\n" + caller.subject()));
        }
        return new CallerKey(hash("address\n" + network(address)));
    }

    /** The address, an IPv6 one cut to its /64; an unparseable one as it is (it came from a trusted proxy). */
    static String network(SocketAddress address) {
        String host = address == null ? null : address.hostAddress();
        if (host == null) {
            return "unknown";
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return host;
        }
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            // a dual-stack server sees IPv4 clients as ::ffff:a.b.c.d: each is still one IPv4 host
            return NetUtil.bytesToIpAddress(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (bytes.length == 16) {
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return NetUtil.bytesToIpAddress(bytes) + "/64";
        }
        return NetUtil.bytesToIpAddress(bytes);
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
