package de.depesche.moderation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.mail.MailOutbox;
import de.depesche.mail.MailTemplates;
import de.depesche.mail.OutgoingMail;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettingsService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Transactional;

/**
 * "n comments are waiting": a periodic mail to the moderators (or, without moderators, the admins)
 * while the queue is not empty, except to those who switched it off on the queue page. One mail per person
 * and period, on one node of the cluster.
 */
@Configuration
class ModerationReminder {

    private final ModerationDesk desk;
    private final JdbcModerationRepository repository;
    private final AccountManagement accounts;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SiteSettingsService settings;
    private final SiteProperties site;
    private final ModerationSettings moderation;
    private final Clock clock;

    ModerationReminder(ModerationDesk desk, JdbcModerationRepository repository, AccountManagement accounts, MailOutbox outbox,
                       MailTemplates templates, SiteSettingsService settings, SiteProperties site, ModerationSettings moderation,
                       Clock clock) {
        this.desk = desk;
        this.repository = repository;
        this.accounts = accounts;
        this.outbox = outbox;
        this.templates = templates;
        this.settings = settings;
        this.site = site;
        this.moderation = moderation;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> moderationReminderTask() {
        Duration every = moderation.reminderInterval().isZero() ? Duration.ofDays(3650) : moderation.reminderInterval();
        return Tasks.recurring("moderation-reminder", FixedDelay.of(every)).execute((instance, context) -> remind());
    }

    /** @return how many reminders were queued */
    @Transactional
    int remind() {
        if (moderation.reminderInterval().isZero()) {
            return 0;
        }
        long waiting = desk.pendingCount(null);
        if (waiting == 0) {
            return 0;
        }
        List<StaffMember> staff = accounts.all().stream().filter(StaffMember::enabled).toList();
        List<StaffMember> moderators = staff.stream().filter(m -> m.role() == Role.MODERATOR).toList();
        Set<Long> off = repository.remindersOff();
        List<StaffMember> recipients = (moderators.isEmpty() ? staff.stream().filter(m -> m.role() == Role.ADMIN).toList() : moderators)
                .stream().filter(m -> !off.contains(m.id())).toList();
        long period = clock.millis() / Math.max(1, moderation.reminderInterval().toMillis());
        Locale locale = Locale.forLanguageTag(settings.current().language());
        int queued = 0;
        for (StaffMember m : recipients) {
            MailTemplates.Content content = templates.render("moderation/mail/waiting", "moderation.mail.waiting.subject",
                    new Object[] {waiting}, Map.of("siteName", settings.current().siteName(), "waiting", waiting,
                            "queueUrl", site.url("/admin/moderation"), "settingsUrl", site.url("/admin/moderation#erinnerungen"),
                            "name", m.displayName()), locale);
            if (outbox.enqueue(new OutgoingMail("moderation-waiting:" + m.id() + ":" + period, m.email(), content.subject(),
                    content.text(), content.html(), Map.of(), "moderation.waiting"))) {
                queued++;
            }
        }
        return queued;
    }
}
