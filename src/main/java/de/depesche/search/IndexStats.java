package de.depesche.search;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How this node's search index stands.
 *
 * @param changesUntil the latest article change the index has taken in from the database
 * @param analysisCurrent whether the index was written by the current analysis chain
 */
public record IndexStats(int documents, long sizeBytes, String directory, @Nullable String analysisVersion,
                         boolean analysisCurrent, @Nullable Instant changesUntil) {}
