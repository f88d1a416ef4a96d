package de.depesche.job;

import java.util.Locale;
import java.util.Optional;

/** The kinds of employment schema.org knows; the names are the values of {@code JobPosting.employmentType}. */
public enum EmploymentType {
    FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER;

    /** Reads what feeds write: schema.org values, job-board words in English and German. */
    public static Optional<EmploymentType> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (t) {
            case "full-time", "fulltime", "vollzeit", "festanstellung", "permanent" -> FULL_TIME;
            case "part-time", "parttime", "teilzeit", "minijob" -> PART_TIME;
            case "contractor", "contract", "freelance", "freiberuflich", "freie-mitarbeit", "werkvertrag" -> CONTRACTOR;
            case "temporary", "befristet", "aushilfe", "seasonal" -> TEMPORARY;
            case "intern", "internship", "praktikum", "werkstudent", "working-student", "trainee", "ausbildung" -> INTERN;
            case "volunteer", "ehrenamt", "ehrenamtlich" -> VOLUNTEER;
            case "per-diem", "tageweise" -> PER_DIEM;
            case "other", "sonstige", "sonstiges" -> OTHER;
            default -> null;
        });
    }

    /** The message key of the name readers see. */
    public String messageKey() {
        return "job.type." + name();
    }
}
