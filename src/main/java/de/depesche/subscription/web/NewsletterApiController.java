package de.depesche.subscription.web;

import java.util.Map;

import de.depesche.account.StaffPrincipal;
import de.depesche.site.JsonApi;
import de.depesche.site.NotFound;
import de.depesche.subscription.NewsletterDesk;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sending the newsletter from scripts: start an issue, then follow its progress. */
@RestController
@JsonApi
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
class NewsletterApiController {

    private final NewsletterDesk newsletter;

    NewsletterApiController(NewsletterDesk newsletter) {
        this.newsletter = newsletter;
    }

    record SendRequest(@Nullable String frequency, @Nullable String subject) {}

    @PostMapping(value = "/api/v1/newsletter/issues", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> send(@RequestBody SendRequest request, @AuthenticationPrincipal StaffPrincipal me) {
        long id = newsletter.send(request.frequency() == null ? "weekly" : request.frequency(),
                request.subject() == null ? "" : request.subject(), me);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/newsletter/issues/{id}")
    Map<String, Object> progress(@PathVariable long id) {
        NewsletterDesk.Progress p = newsletter.issues(1000).stream().filter(x -> x.issue().id() == id).findFirst()
                .orElseThrow(() -> new NotFound("issue " + id));
        return Map.of("id", id, "status", p.issue().status(), "recipients", p.issue().recipients(),
                "queued", p.issue().queued(), "mails", p.mails());
    }
}
