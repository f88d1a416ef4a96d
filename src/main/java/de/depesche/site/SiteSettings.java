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

    /**
     * A link in the site navigation. The link home is stored with the label {@link #HOME_LABEL} and
     * shown in the reader's language; every other label appears as the admin wrote it.
     */
    public record NavLink(String label, String url) {

        /** The stored label of the link home: rendered with the message {@code nav.home}. */
        public static final String HOME_LABEL = "#nav.home";

        public static NavLink home() {
            return new NavLink(HOME_LABEL, "/");
        }

        /** The message key of a translated label, or null for a label shown as written. */
        public @Nullable String messageKey() {
            return HOME_LABEL.equals(label) ? "nav.home" : null;
        }
    }
}
