package de.depesche.job.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import de.depesche.job.EmploymentType;
import de.depesche.job.JobDraft;
import de.depesche.job.JobListing;
import de.depesche.site.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The newsroom's job form; places are typed as one line, separated by commas. */
public class JobForm {

    private String title = "";
    private String employer = "";
    private String places = "";
    private boolean remote;
    private String employmentType = "";
    private String description = "";
    private String applyUrl = "";
    private String postedOn = "";
    private String endDate = "";

    /** The form for a stored job; the end date is its last day in the site's time zone, so saving it keeps the end. */
    static JobForm of(JobListing job, ZoneId zone) {
        JobForm f = new JobForm();
        f.title = job.title();
        f.employer = job.employer();
        f.places = String.join(", ", job.places());
        f.remote = job.remote();
        f.employmentType = job.employmentType().name();
        f.description = job.descriptionHtml();
        f.applyUrl = job.applyUrl();
        f.postedOn = job.postedOn().toString();
        f.endDate = job.lastDay(zone).toString();
        return f;
    }

    JobDraft toDraft() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate posted = date(postedOn, "postedOn", problems);
        LocalDate end = date(endDate, "endDate", problems);
        EmploymentType type = null;
        if (!employmentType.isBlank()) {
            try {
                type = EmploymentType.valueOf(employmentType);
            } catch (IllegalArgumentException e) {
                problems.add("employmentType", "job.type.unknown");
            }
        }
        problems.throwIfAny();
        List<String> placeList = Arrays.stream(places.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new JobDraft(title, employer, placeList, remote, type, description, applyUrl, posted, end);
    }

    private static @Nullable LocalDate date(String value, String field, InvalidInput.Collector problems) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "job.date.invalid", value.length() > 20 ? value.substring(0, 20) : value);
            return null;
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getEmployer() { return employer; }
    public void setEmployer(String employer) { this.employer = employer; }
    public String getPlaces() { return places; }
    public void setPlaces(String places) { this.places = places; }
    public boolean isRemote() { return remote; }
    public void setRemote(boolean remote) { this.remote = remote; }
    public String getEmploymentType() { return employmentType; }
    public void setEmploymentType(String employmentType) { this.employmentType = employmentType; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getApplyUrl() { return applyUrl; }
    public void setApplyUrl(String applyUrl) { this.applyUrl = applyUrl; }
    public String getPostedOn() { return postedOn; }
    public void setPostedOn(String postedOn) { this.postedOn = postedOn; }
    public String getEndDate() { return endDate; }
    public void setEndDate(String endDate) { this.endDate = endDate; }
}
