package de.depesche.subscription.web;

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
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscribing from other front ends: {@code POST /api/v1/subscriptions} answers 202 and starts the
 * double opt-in (or 201 with the address of a personal feed). Public, like the form on the site.
 */
@RestController
@JsonApi
class SubscriptionApiController {

    private final SubscriptionManagement subscriptions;
    private final SiteProperties site;

    SubscriptionApiController(SubscriptionManagement subscriptions, SiteProperties site) {
        this.subscriptions = subscriptions;
        this.site = site;
    }

    /**
     * @param articleId for {@code "kind": "similar"}; {@code target} for the others (category/tag/author slug,
     *                  search query, {@code daily}/{@code weekly})
     * @param consent   the reader agreed to the privacy terms shown by the front end (required)
     */
    record SubscribeRequest(@Nullable String email, @Nullable String kind, @Nullable Long articleId,
                            @Nullable String target, @Nullable String channel, @Nullable Boolean consent) {}

    @PostMapping(value = "/api/v1/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SubscribeRequest body, HttpServletRequest request) {
        SubscriptionKind kind = SubscriptionKind.fromApiName(body.kind() == null ? "" : body.kind())
                .orElseThrow(() -> InvalidInput.of("kind", "subscription.kind.unknown"));
        String target = kind == SubscriptionKind.SIMILAR
                ? (body.articleId() == null ? "" : String.valueOf(body.articleId()))
                : (body.target() == null ? "" : body.target());
        Channel channel = "feed".equals(body.channel() == null ? "" : body.channel().toLowerCase(Locale.ROOT)) ? Channel.FEED : Channel.EMAIL;
        SubscriptionManagement.Outcome outcome = subscriptions.request(new SubscriptionRequest(body.email(), kind, target,
                channel, !Boolean.FALSE.equals(body.consent())), request.getRemoteAddr());
        return switch (outcome) {
            case SubscriptionManagement.Outcome.ConfirmationSent() ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "confirmation-sent"));
            case SubscriptionManagement.Outcome.FeedReady(String feed, String manage) ->
                    ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "active",
                            "feedUrl", site.url(feed), "manageUrl", site.url(manage)));
        };
    }
}
