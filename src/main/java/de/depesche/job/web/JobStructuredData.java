package de.depesche.job.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.job.JobListing;
import de.depesche.site.ReaderDates;
import de.depesche.site.SiteProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** schema.org JobPosting for a job page, with every property Google requires and those it recommends that we know. */
@Component
class JobStructuredData {

    private final ObjectMapper json;
    private final SiteProperties properties;
    private final ReaderDates dates;

    JobStructuredData(ObjectMapper json, SiteProperties properties, ReaderDates dates) {
        this.json = json;
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
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@type", "ListItem");
            item.put("position", i + 1);
            item.put("name", trail.get(i).getKey());
            item.put("item", properties.url(trail.get(i).getValue()));
            items.add(item);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "BreadcrumbList");
        data.put("itemListElement", items);
        return write(data);
    }

    /** JSON for a script element: every "<" is written as \u003c, so no text inside can close the element. */
    private String write(Map<String, Object> data) {
        return json.writeValueAsString(data).replace("<", "\\u003c");
    }
}
