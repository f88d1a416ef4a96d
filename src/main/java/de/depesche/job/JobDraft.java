package de.depesche.job;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the newsroom or an import hands in for a job; normalised and checked before it is stored.
 *
 * @param description HTML or plain text; sanitised on the way in
 * @param endDate     the last day of the offer, or null for the default validity
 */
public record JobDraft(String title, String employer, List<String> places, boolean remote,
                       @Nullable EmploymentType employmentType, String description, String applyUrl,
                       @Nullable LocalDate postedOn, @Nullable LocalDate endDate) {

    public JobDraft {
        places = List.copyOf(places);
    }
}
