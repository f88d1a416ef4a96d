package de.depesche.mail;


import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import de.depesche.site.NewsroomSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    /** SMTP when spring.mail.host (DEPESCHE_SMTP_HOST) is set, .eml files in the data directory otherwise. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, OutboxFolder folder,
                                @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port) {
        JavaMailSender sender = smtp.getIfAvailable();
        MailTransport transport = sender instanceof JavaMailSenderImpl impl && !host.isBlank()
                ? new SmtpTransport(impl, "SMTP " + host + ":" + port)
                : new FileTransport(folder);
        log.info("Mail goes to {}", transport.describe());
        return transport;
    }

    @Bean
    RecurringTask<Void> deliverMail(MailDelivery delivery, MailProperties properties) {
        return Tasks.recurring("deliver-mail", FixedDelay.of(properties.pollInterval()))
                .execute((instance, context) -> delivery.deliverDue());
    }

    /** Sent and given-up mails (with their .eml files) are deleted once they are older than the retention period. */
    @Bean
    RecurringTask<Void> deleteExpiredMail(MailRetention retention) {
        return Tasks.recurring("mail-retention", FixedDelay.ofHours(1))
                .execute((instance, context) -> retention.deleteExpired());
    }

    @Bean
    NewsroomSection mailSection() {
        return new NewsroomSection("/admin/mail", "nav.admin.mail", 88, java.util.Set.of("ADMIN"));
    }

}
