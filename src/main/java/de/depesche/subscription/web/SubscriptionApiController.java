package de.depesche.subscription.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.site.InvalidInput;
import de.depesche.site.JsonApi;
import de.depesche.site.SiteProperties;
import de.depesche.subscription.Channel;
import de.depesche.subscription.SubscriptionKind;
import de.depesche.subscription.SubscriptionManagement;
import de.depesche.subscription.SubscriptionRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscribing from other front ends: {@code POST /api/v1/subscriptions} answers 202 and starts the
 * double opt-in (or 201 with the address of a personal feed). Public, like the form on the site, and
 * like the form it needs the reader's consent, given explicitly.
 */
@RestController
@JsonApi
class SubscriptionApiController {

    private final SubscriptionManagement subscriptions;
    private final SiteProperties site;
    private final MessageSource messages;

    SubscriptionApiController(SubscriptionManagement subscriptions, SiteProperties site, MessageSource messages) {
        this.subscriptions = subscriptions;
        this.site = site;
        this.messages = messages;
    }

    @Schema(description = "A reader's sign-up. Which target a kind needs: similar → articleId; category, tag, author → "
            + "the slug; search → the query in the syntax of /suche (at most 200 characters); newsletter → daily or weekly.")
    record SubscribeRequest(
            @Schema(description = "The reader's address; required for the e-mail channel, ignored for the feed",
                    example = "leserin@example.org") @Nullable String email,
            @Schema(description = "What to subscribe to", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"similar", "category", "tag", "author", "search", "newsletter"}) @Nullable String kind,
            @Schema(description = "For kind similar: the id of a published article", example = "42") @Nullable Long articleId,
            @Schema(description = "For the other kinds: a category, tag or author slug, a search query, or daily/weekly",
                    example = "sicherheitspolitik") @Nullable String target,
            @Schema(description = "email (default): double opt-in by mail; feed: a personal feed, no address needed",
                    allowableValues = {"email", "feed"}, defaultValue = "email") @Nullable String channel,
            @Schema(description = "Must be true: the reader agreed to the consent text your front end showed "
                    + "(receiving these mails, the privacy policy)", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable Boolean consent,
            @Schema(description = "Language of the mails, de or en; the site's language when missing",
                    allowableValues = {"de", "en"}) @Nullable String language) {}

    @Operation(summary = "Subscribe a reader",
            description = "Starts the double opt-in for the e-mail channel: the reader gets a confirmation link and hears "
                    + "nothing else before clicking it. The answer is the same whether the address was known or not; "
                    + "asking again is harmless. The feed channel needs no address and is active at once.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SubscribeRequest.class),
            examples = {
                    @ExampleObject(name = "similar", value = "{\"email\": \"leserin@example.org\", \"kind\": \"similar\", \"articleId\": 42, \"consent\": true}"),
                    @ExampleObject(name = "category", value = "{\"email\": \"leserin@example.org\", \"kind\": \"category\", \"target\": \"sicherheitspolitik\", \"consent\": true}"),
                    @ExampleObject(name = "search", value = "{\"email\": \"leserin@example.org\", \"kind\": \"search\", \"target\": \"Drohnenabwehr NATO\", \"consent\": true, \"language\": \"en\"}"),
                    @ExampleObject(name = "newsletter as feed", value = "{\"kind\": \"newsletter\", \"target\": \"weekly\", \"channel\": \"feed\", \"consent\": true}")}))
    @ApiResponse(responseCode = "202", description = "E-mail channel: a confirmation mail is on its way (or was not "
            + "needed); the body is {\"status\": \"confirmation-sent\"}",
            content = @Content(examples = @ExampleObject("{\"status\": \"confirmation-sent\"}")))
    @ApiResponse(responseCode = "201", description = "Feed channel: the personal feed exists; keep both addresses secret",
            content = @Content(examples = @ExampleObject("{\"status\": \"active\", \"feedUrl\": \"https://example.org/feed/abo/…\", "
                    + "\"manageUrl\": \"https://example.org/abo/verwalten/…\"}")))
    @ApiResponse(responseCode = "400", description = "Invalid input, each problem with its field: no consent, unknown kind, "
            + "missing or unknown target, an address that is not one deliverable address (line breaks included), "
            + "a body that is not JSON",
            content = @Content(examples = @ExampleObject("{\"status\": 400, \"error\": \"Die Eingaben sind nicht gültig.\", "
                    + "\"problems\": [{\"field\": \"consent\", \"message\": \"…\"}]}")))
    @ApiResponse(responseCode = "429", description = "Too many sign-ups from this network within the hour; try later",
            content = @Content(examples = @ExampleObject("{\"status\": 429, \"error\": \"…\", \"problems\": [{\"field\": \"\", \"message\": \"…\"}]}")))
    @PostMapping(value = "/api/v1/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SubscribeRequest body, HttpServletRequest request) {
        if (!Boolean.TRUE.equals(body.consent())) {
            // Only an explicit "consent": true counts: a missing field is no consent.
            throw InvalidInput.of("consent", "subscription.api.consentRequired");
        }
        SubscriptionKind kind = SubscriptionKind.fromApiName(body.kind() == null ? "" : body.kind())
                .orElseThrow(() -> InvalidInput.of("kind", "subscription.kind.unknown"));
        String target = kind == SubscriptionKind.SIMILAR
                ? (body.articleId() == null ? "" : String.valueOf(body.articleId()))
                : (body.target() == null ? "" : body.target());
        String channelName = body.channel() == null ? "email" : body.channel().strip().toLowerCase(Locale.ROOT);
        Channel channel = switch (channelName) {
            case "email" -> Channel.EMAIL;
            case "feed" -> Channel.FEED;
            default -> throw InvalidInput.of("channel", "subscription.channel.unknown");
        };
        String language = body.language() == null ? LocaleContextHolder.getLocale().getLanguage() : body.language();
        SubscriptionManagement.Outcome outcome = subscriptions.request(new SubscriptionRequest(body.email(), kind, target,
                channel, true, language), request.getRemoteAddr());
        return switch (outcome) {
            case SubscriptionManagement.Outcome.ConfirmationSent() ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "confirmation-sent"));
            case SubscriptionManagement.Outcome.FeedReady(String feed, String manage) ->
                    ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "active",
                            "feedUrl", site.url(feed), "manageUrl", site.url(manage)));
        };
    }

    /** The sign-up limit per network: 429, in the shape of every API error. */
    @ExceptionHandler(SubscriptionManagement.RateLimited.class)
    ResponseEntity<Map<String, Object>> rateLimited(SubscriptionManagement.RateLimited e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, String>> problems = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)))
                .toList();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "3600")
                .body(Map.of("status", 429, "error", messages.getMessage("subscription.api.tooMany", null, locale),
                        "problems", problems));
    }
}
