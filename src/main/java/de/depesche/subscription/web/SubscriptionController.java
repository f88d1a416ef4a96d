package de.depesche.subscription.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.depesche.account.ReaderFormEndpoints;
import de.depesche.site.FormErrors;
import de.depesche.site.FormTokens;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import de.depesche.site.PageMeta;
import de.depesche.subscription.Channel;
import de.depesche.subscription.SubscriptionKind;
import de.depesche.subscription.SubscriptionManagement;
import de.depesche.subscription.SubscriptionRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Sign-up, double opt-in and the subscriber's own manage page. */
@Controller
class SubscriptionController {

    static final String FORM = "subscription/form";
    static final String DONE = "subscription/done";
    static final String CONFIRM = "subscription/confirm";
    static final String MANAGE = "subscription/manage";
    private static final Duration MIN_FILL = Duration.ofSeconds(2);
    private static final Duration MAX_FORM_AGE = Duration.ofHours(24);

    private final SubscriptionManagement subscriptions;
    private final FormTokens tokens;
    private final MessageSource messages;

    SubscriptionController(SubscriptionManagement subscriptions, FormTokens tokens, MessageSource messages) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.messages = messages;
    }

    @Configuration
    static class Endpoints {
        /** The sign-up form carries a signed single-use token; the manage links carry their secret. */
        @Bean
        ReaderFormEndpoints subscriptionFormEndpoints() {
            return new ReaderFormEndpoints(List.of("/abo", "/abo/**"));
        }
    }

    @GetMapping("/newsletter")
    String newsletter(Model model) {
        SubscribeForm form = new SubscribeForm();
        form.setKind("newsletter");
        form.setTarget("weekly");
        return formPage(model, form);
    }

    @GetMapping("/abo/neu")
    String newSubscription(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String target,
                           Model model) {
        SubscribeForm form = new SubscribeForm();
        form.setKind(kind);
        form.setTarget(target);
        try {
            SubscriptionKind k = SubscriptionKind.fromApiName(kind).orElseThrow(() -> InvalidInput.of("kind", "subscription.kind.unknown"));
            model.addAttribute("label", subscriptions.describe(k, target));
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.problems());
        }
        return formPage(model, form);
    }

    @PostMapping("/abo")
    String subscribe(@ModelAttribute("form") SubscribeForm form, BindingResult binding, Model model,
                     HttpServletRequest request, HttpServletResponse response) {
        if (!form.getWebsite().isEmpty()) {
            return refuse(model, response, form, HttpStatus.UNPROCESSABLE_CONTENT, "comment.honeypot");
        }
        FormTokens.Verdict verdict = tokens.redeem(form.getToken(), MIN_FILL, MAX_FORM_AGE);
        if (verdict != FormTokens.Verdict.VALID) {
            return refuse(model, response, form, verdict == FormTokens.Verdict.FORGED ? HttpStatus.BAD_REQUEST
                    : HttpStatus.UNPROCESSABLE_CONTENT, "subscription.token." + verdict.name().toLowerCase(Locale.ROOT));
        }
        try {
            SubscriptionKind kind = SubscriptionKind.fromApiName(form.getKind())
                    .orElseThrow(() -> InvalidInput.of("kind", "subscription.kind.unknown"));
            Channel channel = "feed".equals(form.getChannel()) ? Channel.FEED : Channel.EMAIL;
            // The page's language (?lang=, sent along by the form) is the language of every mail to this reader.
            SubscriptionManagement.Outcome outcome = subscriptions.request(new SubscriptionRequest(form.getEmail(), kind,
                    form.getTarget(), channel, form.gaveConsent(), LocaleContextHolder.getLocale().getLanguage()),
                    request.getRemoteAddr());
            if (outcome instanceof SubscriptionManagement.Outcome.FeedReady(String feedPath, String managePath)) {
                model.addAttribute("feedPath", feedPath);
                model.addAttribute("managePath", managePath);
            }
            model.addAttribute("expiryHours", subscriptions.confirmationExpiryHours());
            model.addAttribute("meta", meta("subscription.done.title"));
            return DONE;
        } catch (SubscriptionManagement.RateLimited e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("problems", e.problems());
            return formPage(model, form);
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            FormErrors.apply(e, binding);
            return formPage(model, form);
        }
    }

    /**
     * The link from the confirmation mail asks once more (mail scanners that follow links confirm nothing);
     * a link that cannot confirm anything says why, without the button.
     */
    @GetMapping("/abo/bestaetigen/{token}")
    String confirmPage(@PathVariable String token, Model model, HttpServletResponse response) {
        SubscriptionManagement.ConfirmationLink link = subscriptions.confirmationLink(token);
        model.addAttribute("meta", meta("subscription.confirm.title"));
        if (link.waiting() == null) {
            return confirmResult(link.answer(), model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("pending", link.waiting());
        return CONFIRM;
    }

    @PostMapping("/abo/bestaetigen/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("meta", meta("subscription.confirm.title"));
        return confirmResult(subscriptions.confirm(token, request.getRemoteAddr()), model, response);
    }

    private String confirmResult(SubscriptionManagement.Confirmation result, Model model, HttpServletResponse response) {
        if (result == SubscriptionManagement.Confirmation.UNKNOWN) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        } else if (result == SubscriptionManagement.Confirmation.EXPIRED) {
            response.setStatus(HttpStatus.GONE.value());
        }
        model.addAttribute("result", result.name().toLowerCase(Locale.ROOT));
        return CONFIRM;
    }

    @GetMapping("/abo/verwalten/{token}")
    String manage(@PathVariable String token, Model model) {
        model.addAttribute("overview", subscriptions.overview(token).orElseThrow(() -> new NotFound("subscriber")));
        model.addAttribute("token", token);
        model.addAttribute("meta", meta("subscription.manage.title"));
        return MANAGE;
    }

    /** Stopping or resuming the comment module's reply notifications for the same address. */
    @PostMapping("/abo/verwalten/{token}/antworten/{action}")
    String replies(@PathVariable String token, @PathVariable String action) {
        boolean on = switch (action) {
            case "fortsetzen" -> true;
            case "beenden" -> false;
            default -> throw new NotFound("action " + action);
        };
        if (subscriptions.overview(token).isEmpty()) {
            throw new NotFound("subscriber");
        }
        subscriptions.replies(token, on);
        return "redirect:/abo/verwalten/" + token;
    }

    @PostMapping("/abo/verwalten/{token}/{id:\\d+}/{action}")
    String change(@PathVariable String token, @PathVariable long id, @PathVariable String action) {
        boolean done = switch (action) {
            case "pausieren" -> subscriptions.pause(token, id);
            case "fortsetzen" -> subscriptions.resume(token, id);
            case "beenden" -> subscriptions.end(token, id);
            default -> throw new NotFound("action " + action);
        };
        if (!done && subscriptions.overview(token).isEmpty()) {
            throw new NotFound("subscriber");
        }
        return "redirect:/abo/verwalten/" + token;
    }

    /**
     * The unsubscribe link of the mails opened in a browser (mail programs without one-click send a GET):
     * a page that asks, with the button; nothing changes by following the link alone.
     */
    @GetMapping("/abo/verwalten/{token}/abbestellen")
    String endAllPage(@PathVariable String token, Model model) {
        model.addAttribute("overview", subscriptions.overview(token).orElseThrow(() -> new NotFound("subscriber")));
        model.addAttribute("token", token);
        model.addAttribute("askEndAll", true);
        model.addAttribute("meta", meta("subscription.manage.title"));
        return MANAGE;
    }

    /** "End all", and the one-click unsubscribe of RFC 8058 that mail programs send. */
    @PostMapping("/abo/verwalten/{token}/abbestellen")
    String endAll(@PathVariable String token, Model model) {
        if (subscriptions.overview(token).isEmpty()) {
            throw new NotFound("subscriber");
        }
        subscriptions.endAll(token);
        model.addAttribute("meta", meta("subscription.manage.title"));
        model.addAttribute("ended", true);
        model.addAttribute("overview", subscriptions.overview(token).orElseThrow());
        model.addAttribute("token", token);
        return MANAGE;
    }

    @GetMapping(value = "/abo/verwalten/{token}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> export(@PathVariable String token) {
        Map<String, Object> data = subscriptions.export(token).orElseThrow(() -> new NotFound("subscriber"));
        return ResponseEntity.ok()
                .header("Content-Disposition", ContentDisposition.attachment().filename("meine-daten.json").build().toString())
                .header("Cache-Control", "no-store")
                .body(data);
    }

    @PostMapping("/abo/verwalten/{token}/loeschen")
    String erase(@PathVariable String token, @RequestParam(defaultValue = "false") boolean sure, Model model) {
        if (!sure) {
            model.addAttribute("overview", subscriptions.overview(token).orElseThrow(() -> new NotFound("subscriber")));
            model.addAttribute("token", token);
            model.addAttribute("problems", List.of(new InvalidInput.Problem("", "subscription.erase.confirm", new Object[0])));
            model.addAttribute("meta", meta("subscription.manage.title"));
            return MANAGE;
        }
        if (!subscriptions.erase(token)) {
            throw new NotFound("subscriber");
        }
        model.addAttribute("erased", true);
        model.addAttribute("meta", meta("subscription.manage.title"));
        return MANAGE;
    }

    private String refuse(Model model, HttpServletResponse response, SubscribeForm form, HttpStatus status, String key) {
        response.setStatus(status.value());
        model.addAttribute("problems", List.of(new InvalidInput.Problem("", key, new Object[0])));
        return formPage(model, form);
    }

    private String formPage(Model model, SubscribeForm form) {
        model.addAttribute("form", form);
        model.addAttribute("meta", meta(form.getKind().equals("newsletter") ? "subscription.newsletter.title" : "subscription.form.title"));
        return FORM;
    }

    private PageMeta meta(String titleKey) {
        return new PageMeta(messages.getMessage(titleKey, null, LocaleContextHolder.getLocale()), "", "/abo").noindex(true);
    }
}
