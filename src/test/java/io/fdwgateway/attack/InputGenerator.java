package io.fdwgateway.attack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile and ordinary /rpc input: function names (real ones, mutations
 * of them, Unicode look-alikes, punctuation), argument names (real and invented) and JSON
 * values of every type, plus bodies that are not JSON objects at all.
 */
final class InputGenerator {

    /** Served functions and their argument names; slow and offline ones are left out to keep the run short. */
    private static final Map<String, List<String>> FUNCTIONS = Map.ofEntries(
            Map.entry("get_stripe_products", List.of("name_prefix")),
            Map.entry("my_orders", List.of()),
            Map.entry("whoami", List.of()),
            Map.entry("list_plans", List.of()),
            Map.entry("add", List.of("a", "b")),
            Map.entry("product_ids", List.of()),
            Map.entry("stripe_summary", List.of()),
            Map.entry("echo_types", List.of("i", "n", "b", "d", "ts", "u", "tags", "doc")),
            Map.entry("record_event", List.of("kind", "payload")),
            Map.entry("log_visit", List.of("page")),
            Map.entry("check_quota", List.of("amount")),
            Map.entry("raise_error", List.of("sqlstate", "message")),
            Map.entry("lookup", List.of("id", "name")),
            Map.entry("join_words", List.of("separator", "words")),
            Map.entry("admin_stats", List.of()),
            Map.entry("invoker_decoy", List.of()),
            Map.entry("internal_all_products", List.of()));
    private static final List<String> NAMES = List.copyOf(FUNCTIONS.keySet());
    private static final String ODD = "\"'`;.,()[]{}%_*\\/ -+=:#?&$@!~<>|\u0000\u0007\t\n\u00A0\u200B\u202E\uFEFF"
            + "ıİßǅﬁ\uFF41\uFF4C\u0301\uD83D\uDE00\uDBFF";

    private final Random random;

    InputGenerator(long seed) {
        this.random = new Random(seed);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int below(int n) {
        return random.nextInt(n);
    }

    String functionName() {
        String real = NAMES.get(below(NAMES.size()));
        return switch (below(6)) {
            case 0, 1, 2 -> real;
            case 3 -> mutate(real);
            case 4 -> text(1 + below(40));
            default -> (chance(0.5) ? "public." : "stripe.") + real;
        };
    }

    Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        int n = below(4);
        for (int i = 0; i < n; i++) {
            params.put(argumentName(), scalarText());
        }
        return params;
    }

    String body() {
        return switch (below(10)) {
            case 0 -> "";
            case 1 -> jsonValue(3);
            case 2 -> text(below(60));
            case 3 -> "{\"" + argumentName().replace("\"", "") + "\": " + text(below(10)) + "}";
            default -> jsonObject(2 + below(2));
        };
    }

    private String argumentName() {
        if (chance(0.7)) {
            List<String> args = FUNCTIONS.get(NAMES.get(below(NAMES.size())));
            if (!args.isEmpty()) {
                return args.get(below(args.size()));
            }
        }
        return chance(0.5) ? mutate("name_prefix") : text(1 + below(12));
    }

    private String mutate(String name) {
        StringBuilder sb = new StringBuilder(name);
        int edits = 1 + below(3);
        for (int i = 0; i < edits; i++) {
            int at = below(sb.length() + 1);
            switch (below(4)) {
                case 0 -> sb.insert(at, ODD.charAt(below(ODD.length())));
                case 1 -> { if (at < sb.length()) { sb.setCharAt(at, Character.toUpperCase(sb.charAt(at))); } }
                case 2 -> { if (at < sb.length()) { sb.deleteCharAt(at); } }
                default -> { if (at < sb.length() && sb.charAt(at) >= 'a' && sb.charAt(at) <= 'z') {
                    sb.setCharAt(at, (char) (sb.charAt(at) - 'a' + '\uFF41')); } }
            }
        }
        return sb.toString();
    }

    private String jsonObject(int depth) {
        StringBuilder sb = new StringBuilder("{");
        int n = below(4);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(jsonString(argumentName())).append(':').append(jsonValue(depth - 1));
        }
        return sb.append('}').toString();
    }

    private String jsonValue(int depth) {
        int kind = below(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong() >> below(64));
            case 3 -> random.nextDouble() * Math.pow(10, below(40) - 20) + "";
            case 4, 5 -> jsonString(scalarText());
            case 6 -> "\"" + "9".repeat(1 + below(30)) + "\"";
            case 7 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = below(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(jsonValue(depth - 1));
                }
                yield sb.append(']').toString();
            }
            default -> jsonObject(depth - 1);
        };
    }

    private String scalarText() {
        return switch (below(6)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "{" + text(below(5)) + "," + text(below(5)) + "}";
            case 2 -> "2026-" + (1 + below(14)) + "-" + (1 + below(33));
            case 3 -> "P0001";
            default -> text(below(24));
        };
    }

    private String text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (chance(0.3)) {
                sb.append(ODD.charAt(below(ODD.length())));
            } else {
                sb.append((char) ('a' + below(26)));
            }
        }
        return sb.toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
