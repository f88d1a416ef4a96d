package de.depesche.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeUrlTest {

    @Test
    void acceptsSitePathsWebAddressesAndMail() {
        assertThat(SafeUrl.isAcceptable("/kategorie/technik")).isTrue();
        assertThat(SafeUrl.isAcceptable("https://www.patreon.com/depesche")).isTrue();
        assertThat(SafeUrl.isAcceptable("http://example.org/a?b=c")).isTrue();
        assertThat(SafeUrl.isAcceptable("mailto:redaktion@example.org")).isTrue();
    }

    @Test
    void refusesAnythingThatRunsCodeOrLeavesTheSiteUnexpectedly() {
        assertThat(SafeUrl.isAcceptable("javascript:alert(1)")).isFalse();
        assertThat(SafeUrl.isAcceptable("JaVaScRiPt:alert(1)")).isFalse();
        assertThat(SafeUrl.isAcceptable("data:text/html,<script>alert(1)</script>")).isFalse();
        assertThat(SafeUrl.isAcceptable("//evil.example/")).isFalse();
        assertThat(SafeUrl.isAcceptable("/\\evil.example/")).isFalse();
        assertThat(SafeUrl.isAcceptable("https://")).isFalse();
        assertThat(SafeUrl.isAcceptable("https://example.org/\r\nSet-Cookie: x")).isFalse();
        assertThat(SafeUrl.isAcceptable("")).isFalse();
        assertThat(SafeUrl.isAcceptable(null)).isFalse();
        assertThat(SafeUrl.isAcceptable("https://example.org/" + "a".repeat(3000))).isFalse();
    }
}
