package de.depesche.search;

import java.util.Locale;
import java.util.Optional;

/** How search results are ordered: best match first (newer articles slightly ahead) or newest first. */
public enum SearchSort {
    RELEVANCE("relevanz"), DATE("datum");

    private final String parameter;

    SearchSort(String parameter) {
        this.parameter = parameter;
    }

    /** The value in addresses: {@code relevanz}, {@code datum}. */
    public String parameter() {
        return parameter;
    }

    /** Accepts the German address values and the English API names ({@code relevance}, {@code date}). */
    public static Optional<SearchSort> fromParameter(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (SearchSort s : values()) {
            if (s.parameter.equals(v) || s.name().toLowerCase(Locale.ROOT).equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
