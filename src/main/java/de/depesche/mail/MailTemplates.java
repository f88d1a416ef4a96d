package de.depesche.mail;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;

/**
 * Renders mails from a pair of templates, {@code <name>.txt} (plain text) and {@code <name>.html},
 * with the same message bundles as the site. Modules keep their mail templates under
 * {@code templates/<module>/mail/}.
 */
@Component
public class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        engine.setTemplateEngineMessageSource(messages);
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
    }

    /** Subject, text and HTML of a mail. */
    public record Content(String subject, String text, String html) {

        /**
         * The same mail with a mark (letters, digits and dashes) replaced by a value, as the templates
         * would have written it: as it is in the text, escaped in the HTML. Lets a mail that many readers
         * get, differing only in such a value (their manage address), be rendered once for all of them.
         */
        public Content with(String mark, String value) {
            return new Content(subject.replace(mark, value), text.replace(mark, value),
                    html.replace(mark, HtmlEscape.escapeHtml4Xml(value)));
        }
    }

    /**
     * @param template   e.g. {@code comment/mail/reply} for comment/mail/reply.txt and .html
     * @param subjectKey message key of the subject line
     */
    public Content render(String template, String subjectKey, Object[] subjectArgs, Map<String, Object> model, Locale locale) {
        Context context = new Context(locale, model);
        String subject = messages.getMessage(subjectKey, subjectArgs, subjectKey, locale);
        return new Content(subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setOrder(order);
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        return resolver;
    }
}
