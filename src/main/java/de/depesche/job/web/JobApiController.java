package de.depesche.job.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.account.StaffPrincipal;
import de.depesche.job.ImportReport;
import de.depesche.job.JobBoardPage;
import de.depesche.job.JobFilter;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.job.JobSourceKind;
import de.depesche.site.JsonApi;
import de.depesche.site.SiteProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs for scripts: the current jobs (public), and the import of a whole feed by staff, answered with
 * the import report.
 */
@RestController
@JsonApi
@RequestMapping("/api/v1")
class JobApiController {

    private final JobListings jobs;
    private final SiteProperties site;
    private final MessageSource messages;

    JobApiController(JobListings jobs, SiteProperties site, MessageSource messages) {
        this.jobs = jobs;
        this.site = site;
        this.messages = messages;
    }

    record JobJson(long id, String title, String employer, List<String> places, boolean remote, String employmentType,
                   String url, String applyUrl, String datePosted, Instant validThrough) {
        static JobJson of(JobListing j, SiteProperties site) {
            return new JobJson(j.id(), j.title(), j.employer(), j.places(), j.remote(), j.employmentType().name(),
                    site.url(j.path()), j.applyUrl(), j.postedOn().toString(), j.validThrough());
        }
    }

    record JobList(List<JobJson> items, int page, int size, long total) {}

    @GetMapping("/jobs")
    JobList list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        JobBoardPage result = jobs.board(JobFilter.none(), page, Math.clamp(size, 1, 100));
        return new JobList(result.items().stream().map(j -> JobJson.of(j, site)).toList(), result.number(), result.size(), result.total());
    }

    /**
     * Imports the feed in the body: an XML job feed or schema.org JobPosting JSON. The body is read only
     * up to the size limit; a larger one is refused with 413 without reading it all.
     */
    @PostMapping("/jobs/import")
    ResponseEntity<Map<String, Object>> importFeed(HttpServletRequest request, @AuthenticationPrincipal StaffPrincipal me)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > jobs.maxFeedBytes()) {
            ImportReport.Reason tooLarge = new ImportReport.Reason("job.feed.tooLarge", List.of());
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of(
                    "new", 0, "updated", 0, "duplicates", 0, "ended", 0, "rejected", List.of(), "error", text(tooLarge)));
        }
        // From the query string only: reading parameters of the body would consume the feed.
        String source = request.getQueryString() == null ? null
                : org.springframework.web.util.UriComponentsBuilder.fromUriString("/?" + request.getQueryString()).build()
                .getQueryParams().getFirst("source");
        if (source != null) {
            source = java.net.URLDecoder.decode(source, java.nio.charset.StandardCharsets.UTF_8);
        }
        ImportReport report;
        try (InputStream body = request.getInputStream()) {
            report = jobs.importFeed(body, request.getContentType(), JobSourceKind.API,
                    source == null ? "" : source.strip(), me);
        }
        HttpStatus status = report.failure() == null ? HttpStatus.OK
                : report.failure().messageKey().equals("job.feed.tooLarge") ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(json(report));
    }

    private Map<String, Object> json(ImportReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", report.id());
        body.put("new", report.created());
        body.put("updated", report.updated());
        body.put("duplicates", report.duplicates());
        body.put("ended", report.ended());
        body.put("rejected", report.rejected().stream().map(r -> Map.of(
                "position", r.position(), "title", r.label(), "reason", text(r.reason()))).toList());
        if (report.failure() != null) {
            body.put("error", text(report.failure()));
        }
        return body;
    }

    private String text(ImportReport.Reason reason) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(reason.messageKey(), reason.argArray(), reason.messageKey(), locale);
    }
}
