package de.depesche.job.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.depesche.job.EmploymentType;
import de.depesche.job.JobBoardPage;
import de.depesche.job.JobFilter;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.site.CacheablePage;
import de.depesche.site.NotFound;
import de.depesche.site.PageMeta;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The job board for readers: /jobs with filters and /jobs/{id} with JobPosting structured data. */
@Controller
class JobBoardController {

    static final String BOARD = "job/board";
    static final String JOB = "job/job";
    static final String GONE = "job/gone";
    static final int PAGE_SIZE = 20;

    private final JobListings jobs;
    private final JobStructuredData structuredData;
    private final MessageSource messages;

    JobBoardController(JobListings jobs, JobStructuredData structuredData, MessageSource messages) {
        this.jobs = jobs;
        this.structuredData = structuredData;
        this.messages = messages;
    }

    @GetMapping("/jobs")
    String board(@RequestParam(name = "ort", required = false) @Nullable String place,
                 @RequestParam(name = "remote", required = false) @Nullable String remote,
                 @RequestParam(name = "art", required = false) @Nullable String type,
                 @RequestParam(name = "q", required = false) @Nullable String text,
                 @RequestParam(name = "seite", defaultValue = "1") int page,
                 Model model, HttpServletRequest request) {
        EmploymentType employmentType = parseType(type);
        String q = text == null ? "" : text.strip();
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        boolean remoteOnly = remote != null && !remote.isBlank();
        JobFilter filter = new JobFilter(place, remoteOnly, employmentType, q);
        JobBoardPage result = jobs.board(filter, page, PAGE_SIZE);
        if (result.number() > 1 && result.number() > result.totalPages()) {
            throw new NotFound("job page " + page);
        }
        boolean filtered = (place != null && !place.isBlank()) || remoteOnly || employmentType != null || !q.isEmpty();
        String base = "/jobs";
        PageMeta meta = new PageMeta(page > 1 ? message("jobs.page.title", page) : message("jobs.title"),
                message("jobs.description"), page > 1 && !filtered ? base + "?seite=" + page : base)
                .noindex(filtered)
                .jsonLd(structuredData.breadcrumbs(List.of(Map.entry(message("nav.home"), "/"), Map.entry(message("jobs.title"), base))));
        CacheablePage.mark(request, jobs.lastChange().orElse(null), JobListings.CACHE_TAG);
        model.addAttribute("meta", meta);
        model.addAttribute("page", result);
        model.addAttribute("places", jobs.currentPlaces());
        model.addAttribute("types", EmploymentType.values());
        model.addAttribute("place", place == null ? "" : place);
        model.addAttribute("remote", remoteOnly);
        model.addAttribute("type", employmentType == null ? "" : employmentType.name());
        model.addAttribute("q", q);
        model.addAttribute("filtered", filtered);
        model.addAttribute("previousPage", pageLink(place, remoteOnly, employmentType, q, result.number() - 1));
        model.addAttribute("nextPage", pageLink(place, remoteOnly, employmentType, q, result.number() + 1));
        return BOARD;
    }

    @GetMapping("/jobs/{id:[0-9]{1,18}}")
    String job(@PathVariable long id, Model model, HttpServletRequest request, HttpServletResponse response) {
        return switch (jobs.lookup(id)) {
            case JobListings.Lookup.Current(JobListing job) -> {
                PageMeta meta = new PageMeta(message("job.page.title", job.title(), job.employer()),
                        message("job.page.description", job.title(), job.employer(),
                                job.places().isEmpty() ? message("job.remote") : job.placesText()), job.path())
                        .jsonLd(structuredData.jobPosting(job, jobs.country()))
                        .jsonLd(structuredData.breadcrumbs(List.of(Map.entry(message("nav.home"), "/"),
                                Map.entry(message("jobs.title"), "/jobs"), Map.entry(job.title(), job.path()))));
                CacheablePage.mark(request, job.updatedAt(), JobListings.CACHE_TAG);
                model.addAttribute("meta", meta);
                model.addAttribute("job", job);
                yield JOB;
            }
            case JobListings.Lookup.Ended(JobListing job) -> {
                // Search engines drop a page that answers 410 Gone faster than one that answers 404.
                response.setStatus(HttpServletResponse.SC_GONE);
                model.addAttribute("meta", new PageMeta(message("job.gone.title"), message("job.gone.text"), job.path()).noindex(true));
                model.addAttribute("job", job);
                yield GONE;
            }
            case JobListings.Lookup.Missing() -> throw new NotFound("job " + id);
        };
    }

    private static @Nullable EmploymentType parseType(@Nullable String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return EmploymentType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String pageLink(@Nullable String place, boolean remote, @Nullable EmploymentType type, String q, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/jobs");
        if (place != null && !place.isBlank()) {
            b.queryParam("ort", place);
        }
        if (remote) {
            b.queryParam("remote", "1");
        }
        if (type != null) {
            b.queryParam("art", type.name());
        }
        if (!q.isEmpty()) {
            b.queryParam("q", q);
        }
        if (page > 1) {
            b.queryParam("seite", page);
        }
        return b.encode().build().toUriString();
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
