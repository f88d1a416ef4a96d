package de.depesche.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Which link targets staff may put on reader pages: site paths, http(s) and mailto, nothing that runs code. */
public final class SafeUrl {

    private SafeUrl() {}

    public static boolean isAcceptable(@Nullable String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return false;
        }
        String u = url.strip();
        if (u.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
            return false;
        }
        if (u.startsWith("/")) {
            return !u.startsWith("//") && !u.startsWith("/\\");
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "http", "https" -> uri.getHost() != null && !uri.getHost().isBlank();
                case "mailto" -> u.length() > "mailto:".length();
                default -> false;
            };
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
