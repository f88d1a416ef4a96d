package de.depesche.job;

import org.jspecify.annotations.Nullable;

/** What readers narrow the job board with; every part is optional. */
public record JobFilter(@Nullable String place, boolean remoteOnly, @Nullable EmploymentType type, @Nullable String text) {

    public static JobFilter none() {
        return new JobFilter(null, false, null, null);
    }
}
