package de.depesche.subscription.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import de.depesche.account.AuditLog;
import de.depesche.account.StaffPrincipal;
import de.depesche.mail.MailTemplates;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import de.depesche.subscription.NewsletterDesk;
import de.depesche.subscription.SubscriptionManagement;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsletter desk (preview, editor picks, sending with progress) and subscriber data requests. */
@Controller
class NewsroomSubscriptionController {

    private final NewsletterDesk newsletter;
    private final SubscriptionManagement subscriptions;
    private final AuditLog audit;

    NewsroomSubscriptionController(NewsletterDesk newsletter, SubscriptionManagement subscriptions, AuditLog audit) {
        this.newsletter = newsletter;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    @GetMapping("/admin/newsletter")
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
    String desk(@RequestParam(defaultValue = "weekly") String frequency, Model model) {
        String f = frequency.equals("daily") ? "daily" : "weekly";
        model.addAttribute("digest", newsletter.digest(f));
        model.addAttribute("candidates", newsletter.candidates());
        model.addAttribute("picks", newsletter.picks());
        model.addAttribute("issues", newsletter.issues(20));
        model.addAttribute("frequency", f);
        return "subscription/admin/newsletter";
    }

    /** The newsletter exactly as it will arrive, opened in its own tab (mail HTML uses inline styles). */
    @GetMapping(value = "/admin/newsletter/vorschau", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
    ResponseEntity<String> preview(@RequestParam(defaultValue = "weekly") String frequency, HttpServletResponse response) {
        MailTemplates.Content content = newsletter.preview(frequency.equals("daily") ? "daily" : "weekly");
        return ResponseEntity.ok()
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(content.html());
    }

    @PostMapping("/admin/newsletter/auswahl/{articleId}")
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
    String pick(@PathVariable long articleId, @RequestParam(defaultValue = "false") boolean picked,
                @RequestParam(defaultValue = "weekly") String frequency, @AuthenticationPrincipal StaffPrincipal me) {
        newsletter.pick(articleId, picked, me);
        return "redirect:/admin/newsletter?frequency=" + (frequency.equals("daily") ? "daily" : "weekly");
    }

    @PostMapping("/admin/newsletter/senden")
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
    String send(@RequestParam(defaultValue = "weekly") String frequency, @RequestParam(defaultValue = "") String subject,
                @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        String f = frequency.equals("daily") ? "daily" : "weekly";
        try {
            long id = newsletter.send(f, subject, me);
            audit.record(me, "audit.newsletter.sent", "newsletter:" + id, f);
            redirect.addFlashAttribute("notice", "newsletter.started");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/admin/newsletter?frequency=" + f;
    }

    @GetMapping("/admin/subscribers")
    @PreAuthorize("hasRole('ADMIN')")
    String subscribers(@RequestParam(defaultValue = "") String email, Model model) {
        model.addAttribute("counts", subscriptions.activeByKind());
        model.addAttribute("email", email);
        if (!email.isBlank()) {
            model.addAttribute("found", subscriptions.overviewByEmail(email).orElse(null));
            model.addAttribute("searched", true);
        }
        return "subscription/admin/subscribers";
    }

    @GetMapping(value = "/admin/subscribers/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, Object>> export(@RequestParam String email, @AuthenticationPrincipal StaffPrincipal me) {
        var overview = subscriptions.overviewByEmail(email).orElseThrow(() -> new NotFound("subscriber"));
        audit.record(me, "audit.subscriber.exported", "subscriber:" + overview.subscriber().id(), "");
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"daten.json\"")
                .header("Cache-Control", "no-store")
                .body(subscriptions.export(overview.subscriber().manageToken()).orElseThrow());
    }

    @PostMapping("/admin/subscribers/erase")
    @PreAuthorize("hasRole('ADMIN')")
    String erase(@RequestParam String email, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        var overview = subscriptions.overviewByEmail(email).orElseThrow(() -> new NotFound("subscriber"));
        subscriptions.erase(overview.subscriber().manageToken());
        audit.record(me, "audit.subscriber.erased", "subscriber:" + overview.subscriber().id(), "");
        redirect.addFlashAttribute("notice", "subscribers.erased");
        return "redirect:/admin/subscribers";
    }
}
