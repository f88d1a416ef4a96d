package de.depesche.job;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * @param sourceKind      where it came from: the newsroom, a feed source, the API or an upload
 * @param source          the name that goes with it: the feed source's, the one an API client gave, the
 *                        uploaded file's; empty when there is none
 */
public record JobListing(long id, String title, String employer, List<String> places, boolean remote,
                         EmploymentType employmentType, String descriptionHtml, String applyUrl,
                         LocalDate postedOn, Instant validThrough, JobSourceKind sourceKind, String source,
                         Instant updatedAt) {

    public JobListing {
        places = List.copyOf(places);
    }

    public String path() {
        return "/jobs/" + id;
    }

    public boolean isCurrent(Instant now) {
        return validThrough.isAfter(now);
    }

    /** The last day of the offer in the given zone: the day before it ends at midnight. */
    public LocalDate lastDay(ZoneId zone) {
        return validThrough.minusNanos(1).atZone(zone).toLocalDate();
    }

    /** The message key that names its origin for readers, with {@link #source()} as argument. */
    public String sourceMessageKey() {
        return sourceKind.messageKey(source);
    }

    /** Places as one line for lists: "Berlin, Hamburg" or "Remote". */
    public String placesText() {
        return String.join(", ", places);
    }
}
