package de.depesche.search;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Where a rebuild of the search index stands; searches keep using the old index until it is done. */
public record RebuildProgress(State state, long done, long total, @Nullable Instant startedAt,
                              @Nullable Instant finishedAt, @Nullable String reason, @Nullable String failure) {

    public enum State { IDLE, RUNNING, DONE, FAILED }

    static RebuildProgress idle() {
        return new RebuildProgress(State.IDLE, 0, 0, null, null, null, null);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** 0…100. */
    public int percent() {
        if (state == State.DONE) {
            return 100;
        }
        return total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }
}
