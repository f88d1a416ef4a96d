package de.depesche.job.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneId;

import de.depesche.account.StaffPrincipal;
import de.depesche.job.EmploymentType;
import de.depesche.job.FeedFormat;
import de.depesche.job.ImportReport;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.job.JobSource;
import de.depesche.job.JobSourceKind;
import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsroom's job desk: listings, feed sources, "import now" and the import reports. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
class NewsroomJobController {

    static final String LIST = "job/admin/list";
    static final String EDITOR = "job/admin/editor";
    static final String SOURCES = "job/admin/sources";
    static final String REPORTS = "job/admin/reports";
    static final String REPORT = "job/admin/report";
    private static final int PAGE_SIZE = 30;

    private final JobListings jobs;
    private final Clock clock;
    private final ZoneId zone;

    NewsroomJobController(JobListings jobs, Clock clock, SiteProperties site) {
        this.jobs = jobs;
        this.clock = clock;
        this.zone = site.timeZone();
    }

    @GetMapping("/admin/jobs")
    String list(@RequestParam(required = false) @Nullable String q, @RequestParam(name = "seite", defaultValue = "1") int page,
                Model model) {
        model.addAttribute("page", jobs.newsroomList(q, page, PAGE_SIZE));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("now", clock.instant());
        return LIST;
    }

    @GetMapping("/admin/jobs/new")
    String newJob(Model model) {
        return editor(model, new JobForm(), null);
    }

    @PostMapping("/admin/jobs")
    String create(@ModelAttribute("form") JobForm form, BindingResult result, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            JobListing created = jobs.create(form.toDraft(), me);
            redirect.addFlashAttribute("notice", "job.saved");
            return "redirect:/admin/jobs/" + created.id();
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, null);
        }
    }

    @GetMapping("/admin/jobs/{id:[0-9]+}")
    String edit(@PathVariable long id, Model model) {
        JobListing job = load(id);
        return editor(model, JobForm.of(job, zone), job);
    }

    @PostMapping("/admin/jobs/{id:[0-9]+}")
    String update(@PathVariable long id, @ModelAttribute("form") JobForm form, BindingResult result, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        JobListing job = load(id);
        try {
            jobs.update(id, form.toDraft(), me);
            redirect.addFlashAttribute("notice", "job.saved");
            return "redirect:/admin/jobs/" + id;
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, job);
        }
    }

    @PostMapping("/admin/jobs/{id:[0-9]+}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        load(id);
        jobs.delete(id, me);
        redirect.addFlashAttribute("notice", "job.deleted");
        return "redirect:/admin/jobs";
    }

    private String editor(Model model, JobForm form, @Nullable JobListing job) {
        model.addAttribute("form", form);
        model.addAttribute("job", job);
        model.addAttribute("types", EmploymentType.values());
        return EDITOR;
    }

    // --- sources and imports -----------------------------------------------------------------------

    @GetMapping("/admin/jobs/sources")
    String sources(Model model) {
        model.addAttribute("sources", jobs.sources());
        model.addAttribute("formats", FeedFormat.values());
        return SOURCES;
    }

    @PostMapping("/admin/jobs/sources")
    String createSource(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                        @RequestParam(defaultValue = "AUTO") FeedFormat format, @RequestParam(defaultValue = "6") int everyHours,
                        @RequestParam(defaultValue = "false") boolean enabled,
                        @RequestParam(defaultValue = "false") boolean fullFeed,
                        Model model, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            jobs.saveSource(null, name, url, format, everyHours, enabled, fullFeed, me);
            redirect.addFlashAttribute("notice", "job.source.saved");
            return "redirect:/admin/jobs/sources";
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("name", name);
            model.addAttribute("url", url);
            return sources(model);
        }
    }

    @PostMapping("/admin/jobs/sources/{id:[0-9]+}")
    String updateSource(@PathVariable long id, @RequestParam(defaultValue = "") String name,
                        @RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "AUTO") FeedFormat format,
                        @RequestParam(defaultValue = "6") int everyHours, @RequestParam(defaultValue = "false") boolean enabled,
                        @RequestParam(defaultValue = "false") boolean fullFeed,
                        @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            jobs.saveSource(id, name, url, format, everyHours, enabled, fullFeed, me);
            redirect.addFlashAttribute("notice", "job.source.saved");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/admin/jobs/sources";
    }

    @PostMapping("/admin/jobs/sources/{id:[0-9]+}/delete")
    String deleteSource(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        loadSource(id);
        jobs.deleteSource(id, me);
        redirect.addFlashAttribute("notice", "job.source.deleted");
        return "redirect:/admin/jobs/sources";
    }

    @PostMapping("/admin/jobs/sources/{id:[0-9]+}/import")
    String importNow(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
        loadSource(id);
        ImportReport report = jobs.importSource(id, me);
        return "redirect:/admin/jobs/reports/" + report.id();
    }

    /** A feed file uploaded by hand, e.g. one an employer sent by mail. */
    @PostMapping("/admin/jobs/import")
    String upload(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("problems", InvalidInput.of("file", "job.upload.empty").problems());
            return "redirect:/admin/jobs/sources";
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().strip();
        try (InputStream in = file.getInputStream()) {
            ImportReport report = jobs.importFeed(in, file.getContentType(), JobSourceKind.UPLOAD, name, me);
            return "redirect:/admin/jobs/reports/" + report.id();
        }
    }

    @GetMapping("/admin/jobs/reports")
    String reports(Model model) {
        model.addAttribute("reports", jobs.recentReports(100));
        return REPORTS;
    }

    @GetMapping("/admin/jobs/reports/{id:[0-9]+}")
    String report(@PathVariable long id, Model model) {
        model.addAttribute("report", jobs.report(id).orElseThrow(() -> new NotFound("import report " + id)));
        return REPORT;
    }

    private JobListing load(long id) {
        return jobs.find(id).orElseThrow(() -> new NotFound("job " + id));
    }

    private JobSource loadSource(long id) {
        return jobs.source(id).orElseThrow(() -> new NotFound("job source " + id));
    }
}
