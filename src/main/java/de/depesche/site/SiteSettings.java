package de.depesche.site;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an admin sets for the whole site in the newsroom.
 *
 * @param siteName      shown in the masthead, titles and feeds
 * @param outlet        the outlet name in datelines: {@code BRÜSSEL (Outlet) –}
 * @param tagline       one line under the masthead
 * @param language      the reader site's language ({@code de} or {@code en})
 * @param navigation    links in the site navigation
 * @param supportUrl    where readers can support the magazine (e.g. Patreon), or null
 * @param newsletterUrl where readers sign up for the newsletter, or null
 */
public record SiteSettings(
        String siteName,
        String outlet,
        String tagline,
        String language,
        List<NavLink> navigation,
        @Nullable String supportUrl,
        @Nullable String newsletterUrl) {

    public static final List<String> LANGUAGES = List.of("de", "en");

    public SiteSettings {
        navigation = List.copyOf(navigation);
    }

    public record NavLink(String label, String url) {}
}
