package de.depesche.comment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.depesche.site.SiteSecrets;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Remembers in a signed cookie which comments this browser wrote, so that their author sees them
 * marked as pending while nobody else does. The cookie name starts with {@code depesche-private},
 * which keeps such a reader's pages out of the shared page cache.
 */
@Component
public class OwnComments {

    static final String COOKIE = "depesche-private-comments";
    private static final int KEEP = 20;

    private final SiteSecrets secrets;

    OwnComments(SiteSecrets secrets) {
        this.secrets = secrets;
    }

    public Set<Long> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Set.of();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).findFirst()
                .flatMap(c -> verify(c.getValue())).orElse(Set.of());
    }

    public void remember(HttpServletRequest request, HttpServletResponse response, long commentId) {
        List<Long> ids = new ArrayList<>(read(request));
        ids.add(commentId);
        List<Long> kept = ids.subList(Math.max(0, ids.size() - KEEP), ids.size());
        String value = String.join("-", kept.stream().map(String::valueOf).toList());
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value + "." + sign(value))
                .path("/").httpOnly(true).sameSite("Lax").secure(request.isSecure())
                .maxAge(java.time.Duration.ofDays(30)).build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    private Optional<Set<Long>> verify(String cookie) {
        int dot = cookie.lastIndexOf('.');
        if (dot <= 0 || cookie.length() > 600) {
            return Optional.empty();
        }
        String value = cookie.substring(0, dot);
        if (!SiteSecrets.same(sign(value), cookie.substring(dot + 1)) || !value.matches("[0-9]+(-[0-9]+)*")) {
            return Optional.empty();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : value.split("-")) {
            ids.add(Long.parseLong(id));
        }
        return Optional.of(ids);
    }

    private String sign(String value) {
        return secrets.hmac("own-comments", value).substring(0, 32);
    }
}
