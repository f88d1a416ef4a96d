package de.depesche.mail.web;

import de.depesche.mail.MailOutbox;
import de.depesche.site.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Every queued and sent mail, for admins: what went out, what waits, what failed and why. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class NewsroomMailController {

    private final MailOutbox outbox;

    NewsroomMailController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/mail")
    String list(@RequestParam(name = "seite", defaultValue = "1") int page, Model model) {
        int p = Math.clamp(page, 1, 10_000);
        var mails = outbox.recent(51, (p - 1) * 50);
        model.addAttribute("mails", mails.subList(0, Math.min(50, mails.size())));
        model.addAttribute("counts", outbox.countByStatus());
        model.addAttribute("transport", outbox.transport());
        model.addAttribute("page", p);
        model.addAttribute("hasNext", mails.size() > 50);
        return "mail/admin/list";
    }

    /** The text of one mail, as plain text (never rendered as HTML in the newsroom). */
    @GetMapping("/admin/mail/{id}")
    ResponseEntity<String> text(@PathVariable long id) {
        String text = outbox.text(id).orElseThrow(() -> new NotFound("mail " + id));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8)).body(text);
    }
}
