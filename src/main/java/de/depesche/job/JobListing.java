package de.depesche.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One job offer as readers see it.
 *
 * @param places          where the work is done, normalised ("München", not "80331 MUENCHEN, Germany"); empty for remote-only jobs
 * @param remote          whether the job can be done from home
 * @param descriptionHtml the description, sanitised HTML
 * @param applyUrl        where readers apply (http or https, without tracking parameters)
 * @param postedOn        the day the employer posted it
 * @param validThrough    when it ends; after that readers no longer see it
 * @param source          where it came from: a feed source's name, "API" or the newsroom
 */
public record JobListing(long id, String title, String employer, List<String> places, boolean remote,
                         EmploymentType employmentType, String descriptionHtml, String applyUrl,
                         LocalDate postedOn, Instant validThrough, String source, Instant updatedAt) {

    public JobListing {
        places = List.copyOf(places);
    }

    public String path() {
        return "/jobs/" + id;
    }

    public boolean isCurrent(Instant now) {
        return validThrough.isAfter(now);
    }

    /** Places as one line for lists: "Berlin, Hamburg" or "Remote". */
    public String placesText() {
        return String.join(", ", places);
    }
}
