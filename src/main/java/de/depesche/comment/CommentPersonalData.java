package de.depesche.comment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.depesche.site.PersonalData;
import de.depesche.site.SiteChanges;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A commenter's comments and reply-notification address, for data requests. */
@Component
class CommentPersonalData implements PersonalData {

    private final JdbcCommentRepository comments;
    private final SiteChanges changes;
    private final ApplicationEventPublisher events;

    CommentPersonalData(JdbcCommentRepository comments, SiteChanges changes, ApplicationEventPublisher events) {
        this.comments = comments;
        this.changes = changes;
        this.events = events;
    }

    @Override
    public String label() {
        return "privacy.data.comments";
    }

    @Override
    public Map<String, Object> export(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        Map<String, Object> data = new LinkedHashMap<>();
        List<Comment> own = comments.byEmail(address);
        if (!own.isEmpty()) {
            data.put("comments", own.stream().map(c -> Map.of(
                    "id", c.id(), "article", c.articleId(), "name", c.authorName(), "text", c.text(),
                    "status", c.status().name().toLowerCase(Locale.ROOT), "createdAt", c.createdAt().toString())).toList());
        }
        comments.notifyAddress(address).ifPresent(a -> data.put("replyNotifications", Map.of(
                "requestedAt", a.requestedAt().toString(),
                "confirmedAt", a.confirmedAt() == null ? "" : a.confirmedAt().toString(),
                "stopped", a.stoppedAt() != null)));
        return data;
    }

    @Override
    @Transactional
    public int erase(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        List<Comment> own = comments.byEmail(address);
        for (Comment c : own) {
            comments.anonymise(c.id());
            changes.record(CommentManagement.cacheTag(c.articleId()));
            events.publishEvent(new CommentErased(c.id(), c.articleId()));
        }
        return own.size() + comments.forgetNotifyAddress(address);
    }
}
