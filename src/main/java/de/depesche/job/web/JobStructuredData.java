package de.depesche.job.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.job.JobListing;
import de.depesche.site.ReaderDates;
import de.depesche.site.SiteProperties;
import org.springframework.stereotype.Component;
import de.depesche.site.JsonLd;

/** schema.org JobPosting for a job page, with every property Google requires and those it recommends that we know. */
@Component
class JobStructuredData {

    private final JsonLd jsonLd;
    private final SiteProperties properties;
    private final ReaderDates dates;

    JobStructuredData(JsonLd jsonLd, SiteProperties properties, ReaderDates dates) {
        this.jsonLd = jsonLd;
        this.properties = properties;
        this.dates = dates;
    }

    String jobPosting(JobListing job, String country) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "JobPosting");
        data.put("title", job.title());
        data.put("description", job.descriptionHtml());
        data.put("identifier", Map.of("@type", "PropertyValue", "name", job.employer(), "value", String.valueOf(job.id())));
        data.put("datePosted", job.postedOn().toString());
        data.put("validThrough", dates.iso(job.validThrough()));
        data.put("employmentType", job.employmentType().name());
        data.put("hiringOrganization", Map.of("@type", "Organization", "name", job.employer()));
        if (!job.places().isEmpty()) {
            List<Map<String, Object>> places = new ArrayList<>();
            for (String place : job.places()) {
                places.add(Map.of("@type", "Place", "address", Map.of("@type", "PostalAddress",
                        "addressLocality", place, "addressCountry", country)));
            }
            data.put("jobLocation", places.size() == 1 ? places.getFirst() : places);
        }
        if (job.remote()) {
            data.put("jobLocationType", "TELECOMMUTE");
            data.put("applicantLocationRequirements", Map.of("@type", "Country", "name", country));
        }
        data.put("url", properties.url(job.path()));
        data.put("directApply", false);
        return write(data);
    }

    String breadcrumbs(List<Map.Entry<String, String>> trail) {
        return jsonLd.breadcrumbs(trail);
    }

    private String write(Map<String, Object> data) {
        return jsonLd.write(data);
    }
}
