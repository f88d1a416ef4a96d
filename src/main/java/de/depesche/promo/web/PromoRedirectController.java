package de.depesche.promo.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.promo.Promotions;
import de.depesche.site.NotFound;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * /go/{id}: counts the click and sends the reader on. Nothing about the reader is kept; crawlers and
 * link previews are sent on without being counted.
 */
@Controller
class PromoRedirectController {

    private static final Pattern ROBOTS = Pattern.compile("bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python|java[-/]|http-?client|okhttp|headless",
            Pattern.CASE_INSENSITIVE);

    private final Promotions promotions;

    PromoRedirectController(Promotions promotions) {
        this.promotions = promotions;
    }

    @GetMapping("/go/{id:[0-9]{1,18}}")
    ResponseEntity<Void> go(@PathVariable long id, HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        boolean person = agent != null && !agent.isBlank() && !ROBOTS.matcher(agent.toLowerCase(Locale.ROOT)).find();
        String target = promotions.follow(id, person).orElseThrow(() -> new NotFound("promo " + id));
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(target))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Robots-Tag", "noindex, nofollow")
                .build();
    }
}
