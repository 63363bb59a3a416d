package io.fdwgateway.shape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Content negotiation for results: the representations an {@code Accept} header allows, most
 * preferred first (by quality, then as listed). No {@code Accept} allows any, JSON first.
 * A malformed media range, or one with an unreadable quality, accepts nothing; a quality of 0
 * refuses. {@code application/problem+json} counts as JSON, as it always has here. Pure.
 */
public final class AcceptHeader {

    private static final List<Media> ANY = List.of(Media.JSON, Media.OBJECT, Media.CSV, Media.TEXT);

    private AcceptHeader() {
    }

    /** @param headers every {@code Accept} header of the request */
    public static List<Media> acceptable(List<String> headers) {
        if (headers.isEmpty()) {
            return ANY;
        }
        record Weighted(List<Media> media, double q, int position) {
        }
        List<Weighted> ranges = new ArrayList<>();
        int position = 0;
        for (String header : headers) {
            for (String range : header.split(",")) {
                if (range.isBlank()) {
                    continue;
                }
                double q = quality(range);
                List<Media> media = media(range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
                if (q > 0 && !media.isEmpty()) {
                    ranges.add(new Weighted(media, q, position++));
                }
            }
        }
        ranges.sort(Comparator.comparingDouble((Weighted w) -> -w.q()).thenComparingInt(Weighted::position));
        Set<Media> ordered = new LinkedHashSet<>();
        ranges.forEach(w -> ordered.addAll(w.media()));
        return List.copyOf(ordered);
    }

    /** The first of these the routine's result can be sent in, or null (406). */
    public static Media choose(List<Media> acceptable, io.fdwgateway.catalog.Routine routine) {
        for (Media m : acceptable) {
            if (m.fits(routine)) {
                return m;
            }
        }
        return null;
    }

    private static List<Media> media(String type) {
        return switch (type) {
            case "*/*" -> ANY;
            case "application/*" -> List.of(Media.JSON, Media.OBJECT);
            case "application/json", "application/problem+json" -> List.of(Media.JSON);
            case "application/vnd.pgrst.object+json", "application/vnd.pgrst.object" -> List.of(Media.OBJECT);
            case "text/*" -> List.of(Media.CSV, Media.TEXT);
            case "text/csv" -> List.of(Media.CSV);
            case "text/plain" -> List.of(Media.TEXT);
            default -> List.of();
        };
    }

    /** The q parameter (RFC 9110, section 12.4.2): 1 when absent, -1 (accepts nothing) when unreadable. */
    private static double quality(String range) {
        String[] parts = range.split(";");
        double q = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                String value = parameter.substring(2).strip();
                if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                    return -1;
                }
                q = Double.parseDouble(value);
            }
        }
        return q;
    }
}
