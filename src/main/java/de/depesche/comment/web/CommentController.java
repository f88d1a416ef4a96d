package de.depesche.comment.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.depesche.account.ReaderFormEndpoints;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentProperties;
import de.depesche.comment.CommentStatus;
import de.depesche.comment.CommentSubmission;
import de.depesche.comment.OwnComments;
import de.depesche.comment.ProofOfWork;
import de.depesche.site.FormErrors;
import de.depesche.site.FormTokens;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import de.depesche.site.PageMeta;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Receives reader comments and answers the links in notification mails. */
@Controller
class CommentController {

    private static final Logger log = LoggerFactory.getLogger(CommentController.class);
    static final String FORM = "comment/form";
    static final String NOTIFY = "comment/notify";

    private final CommentManagement comments;
    private final ArticleManagement articles;
    private final FormTokens tokens;
    private final OwnComments own;
    private final CommentProperties properties;
    private final ProofOfWork proofOfWork;
    private final MessageSource messages;

    CommentController(CommentManagement comments, ArticleManagement articles, FormTokens tokens, OwnComments own,
                      CommentProperties properties, ProofOfWork proofOfWork, MessageSource messages) {
        this.messages = messages;
        this.proofOfWork = proofOfWork;
        this.comments = comments;
        this.articles = articles;
        this.tokens = tokens;
        this.own = own;
        this.properties = properties;
    }

    @Configuration
    static class Endpoints {
        /** The comment form carries its own signed single-use token, so it needs no session. */
        @Bean
        ReaderFormEndpoints commentFormEndpoints() {
            return new ReaderFormEndpoints(List.of("/kommentare", "/kommentare/**"));
        }

        /** Reads the comment form before anything else does, so that broken or huge input gets a clear answer. */
        @Bean
        FilterRegistrationBean<CommentFormBody> commentFormBody(CommentProperties properties) {
            FilterRegistrationBean<CommentFormBody> registration =
                    new FilterRegistrationBean<>(new CommentFormBody(maxFormBytes(properties)));
            registration.addUrlPatterns("/kommentare");
            // After the character-encoding filter, before the page cache and Spring Security.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }
    }

    /**
     * The largest comment form read: 2 MB (as Tomcat's default for forms), or more when the configured maximum
     * length needs it (12 bytes per character in the worst case of %-escaped UTF-8).
     */
    static int maxFormBytes(CommentProperties properties) {
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(2L * 1024 * 1024, properties.maxLength() * 12L + 64 * 1024));
    }

    @PostMapping("/kommentare")
    String submit(@ModelAttribute("form") CommentForm form, BindingResult binding, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        Article article = form.getArticle() == null ? null
                : articles.find(form.getArticle()).filter(Article::isPublished).orElse(null);
        if (article == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("problems", List.of(problem("comment.article.unknown")));
            return formPage(model, null, form);
        }
        if (request.getAttribute(CommentFormBody.BROKEN_FIELDS) != null || request.getAttribute(CommentFormBody.CUT_OFF) != null) {
            return unreadable(request, response, binding, model, article, form);
        }
        if (binding.hasErrors()) {
            return refuse(model, response, article, form, HttpStatus.BAD_REQUEST, "comment.form.malformed");
        }
        if (!form.getWebsite().isEmpty()) {
            log.info("Comment refused by the honeypot on article {}", article.id());
            return refuse(model, response, article, form, HttpStatus.UNPROCESSABLE_CONTENT, "comment.honeypot");
        }
        // With proof-of-work on, the browser's script sends a counter; without JavaScript there is none, and
        // the form must then have been open longer instead.
        boolean withoutProofOfWork = proofOfWork.enabled() && form.getPow() == null;
        if (proofOfWork.enabled() && !withoutProofOfWork && !proofOfWork.solves(form.getToken(), form.getPow())) {
            log.info("Comment refused: wrong proof-of-work on article {}", article.id());
            return refuse(model, response, article, form, HttpStatus.UNPROCESSABLE_CONTENT, "comment.pow.wrong");
        }
        Duration minFillTime = withoutProofOfWork ? properties.fillTimeWithoutProofOfWork() : properties.minFillTime();
        FormTokens.Verdict verdict = tokens.redeem(form.getToken(), minFillTime, properties.maxFormAge());
        if (verdict == FormTokens.Verdict.TOO_FAST && withoutProofOfWork) {
            log.info("Comment without proof-of-work sent too soon on article {}", article.id());
            return refuse(model, response, article, form, HttpStatus.UNPROCESSABLE_CONTENT, "comment.pow.missing",
                    minFillTime.toSeconds());
        }
        if (verdict != FormTokens.Verdict.VALID) {
            log.info("Comment form token refused ({}) on article {}", verdict, article.id());
            HttpStatus status = verdict == FormTokens.Verdict.FORGED ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
            return refuse(model, response, article, form, status, "comment.token." + verdict.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            Comment comment = comments.submit(new CommentSubmission(article.id(), form.getParent(), form.getName(),
                    form.getEmail(), form.getText(), form.wantsNotifications(), form.gaveConsent()), request.getRemoteAddr());
            own.remember(request, response, comment.id());
            return "redirect:" + article.path() + "#" + comment.anchor();
        } catch (CommentManagement.RateLimited e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            FormErrors.apply(e, binding);
            return formPage(model, article, form);
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            FormErrors.apply(e, binding);
            return formPage(model, article, form);
        }
    }

    /** A page of its own to answer a comment, so that answering works without JavaScript. */
    @GetMapping("/kommentare/{id}/antworten")
    String reply(@PathVariable long id, Model model) {
        Comment parent = comments.find(id).filter(c -> c.status() == CommentStatus.APPROVED)
                .orElseThrow(() -> new NotFound("comment " + id));
        Article article = articles.find(parent.articleId()).filter(Article::isPublished)
                .orElseThrow(() -> new NotFound("article of comment " + id));
        CommentForm form = new CommentForm();
        form.setArticle(article.id());
        form.setParent(parent.id());
        model.addAttribute("parentComment", parent);
        return formPage(model, article, form);
    }

    @GetMapping("/kommentare/benachrichtigung/{token}")
    String confirmPage(@PathVariable String token, Model model) {
        model.addAttribute("action", "confirm");
        model.addAttribute("token", token);
        return notifyPage(model, null);
    }

    @PostMapping("/kommentare/benachrichtigung/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        CommentManagement.NotifyLink result = comments.confirmReplyNotifications(token);
        if (result != CommentManagement.NotifyLink.CONFIRMED) {
            response.setStatus(result == CommentManagement.NotifyLink.EXPIRED ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
        }
        return notifyPage(model, result);
    }

    @GetMapping("/kommentare/benachrichtigung/{token}/abbestellen")
    String stopPage(@PathVariable String token, Model model) {
        model.addAttribute("action", "stop");
        model.addAttribute("token", token);
        return notifyPage(model, null);
    }

    /** Also the one-click unsubscribe of RFC 8058 (List-Unsubscribe-Post), which mail programs send. */
    @PostMapping("/kommentare/benachrichtigung/{token}/abbestellen")
    String stop(@PathVariable String token, Model model, HttpServletResponse response) {
        CommentManagement.NotifyLink result = comments.stopReplyNotifications(token);
        if (result != CommentManagement.NotifyLink.STOPPED) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        return notifyPage(model, result);
    }

    /**
     * Fields that were not valid UTF-8 or a form larger than allowed: 422, the form again with every field that
     * arrived (bad bytes shown as U+FFFD), and a message beside the field concerned.
     */
    private String unreadable(HttpServletRequest request, HttpServletResponse response, BindingResult binding, Model model,
                              Article article, CommentForm form) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        @SuppressWarnings("unchecked")
        Set<String> broken = (Set<String>) request.getAttribute(CommentFormBody.BROKEN_FIELDS);
        boolean globalEncodingProblem = false;
        for (String field : broken == null ? Set.<String>of() : broken) {
            if (READER_FIELDS.contains(field)) {
                binding.rejectValue(field, "validation.encoding");
            } else {
                globalEncodingProblem = true;
            }
        }
        if (globalEncodingProblem) {
            binding.reject("validation.encoding");
        }
        Object cutField = request.getAttribute(CommentFormBody.CUT_OFF);
        if (cutField != null) {
            log.info("Comment form over {} bytes on article {}", maxFormBytes(properties), article.id());
            long kilobytes = maxFormBytes(properties) / 1024;
            if ("text".equals(cutField)) {
                binding.rejectValue("text", "comment.text.farTooLong", new Object[] {properties.maxLength(), kilobytes}, null);
                form.setText(form.getText().substring(0, Math.min(form.getText().length(), properties.maxLength())));
            } else {
                binding.reject("comment.form.tooLarge", new Object[] {kilobytes}, null);
            }
        }
        return formPage(model, article, form);
    }

    /** The fields a reader fills in; problems with them are shown beside them. */
    private static final Set<String> READER_FIELDS = Set.of("name", "email", "text");

    private String refuse(Model model, HttpServletResponse response, Article article, CommentForm form,
                          HttpStatus status, String key, Object... args) {
        response.setStatus(status.value());
        model.addAttribute("problems", List.of(new InvalidInput.Problem("", key, args)));
        return formPage(model, article, form);
    }

    private String formPage(Model model, @Nullable Article article, CommentForm form) {
        model.addAttribute("form", form);
        model.addAttribute("article", article);
        model.addAttribute("maxLength", properties.maxLength());
        if (!model.containsAttribute("parentComment") && form.getParent() != null) {
            comments.find(form.getParent()).filter(c -> c.status() == CommentStatus.APPROVED)
                    .ifPresent(p -> model.addAttribute("parentComment", p));
        }
        model.addAttribute("meta", new PageMeta(article == null ? message("comment.form.title") : article.title(), "",
                article == null ? "/" : article.path()).noindex(true));
        return FORM;
    }

    private String notifyPage(Model model, CommentManagement.@Nullable NotifyLink result) {
        model.addAttribute("result", result == null ? null : result.name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("meta", new PageMeta(message("comment.notify.title"), "", "/").noindex(true));
        return NOTIFY;
    }

    private String message(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static InvalidInput.Problem problem(String key) {
        return new InvalidInput.Problem("", key, new Object[0]);
    }
}
