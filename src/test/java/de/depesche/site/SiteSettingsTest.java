package de.depesche.site;

import java.net.http.HttpResponse;
import java.util.Map;

import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SiteSettingsTest extends IntegrationTest {

    @Autowired
    SiteSettingsService settings;

    private SiteSettings before;

    @AfterEach
    void restore() {
        if (before != null) {
            settings.update(before);
        }
    }

    @Test
    void anAdminRenamesTheOutletAndDatelinesFollow() {
        before = settings.current();
        var article = data.published(unique("Ortsmarke"), "PARIS", "Erster Absatz.");
        assertThat(get(article.path()).body()).contains("PARIS (Depesche) –");

        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/settings");
        HttpResponse<String> saved = admin.post("/admin/settings", Map.of("siteName", "Depesche", "outlet", "dpsch",
                "tagline", "Neu", "language", "de", "navigation", "Startseite | /\nUnterstützen | https://www.patreon.com/x",
                "supportUrl", "https://www.patreon.com/x", "newsletterUrl", "/newsletter"));
        assertThat(admin.follow(saved).select(".notice").text()).isEqualTo("Die Einstellungen sind gespeichert.");

        Document page = Jsoup.parse(get(article.path()).body());
        assertThat(page.select(".dateline").text()).isEqualTo("PARIS (dpsch) –");
        assertThat(page.select(".site-nav a").eachAttr("href")).contains("/", "https://www.patreon.com/x", "/newsletter");
        // The home link typed as "Startseite" stays the translated home link.
        assertThat(page.select(".site-nav a[href=/]").text()).isEqualTo("Startseite");
        assertThat(Jsoup.parse(get(article.path() + "?lang=en").body()).select(".site-nav a[href=/]").text()).isEqualTo("Home");
        assertThat(admin.page("/admin/settings?lang=en").select("#navigation").val()).startsWith("Home | /");
    }

    @Test
    void refusesLinksThatRunCodeAndKeepsTheOldSettings() {
        before = settings.current();
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/settings");
        HttpResponse<String> refused = admin.post("/admin/settings", Map.of("siteName", "", "outlet", "x",
                "tagline", "", "language", "fr", "navigation", "Böse | javascript:alert(1)\nohne Trennstrich",
                "supportUrl", "javascript:alert(2)", "newsletterUrl", ""));
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select(".problems li").eachText()).contains("Bitte ausfüllen.",
                "Die Zeile „ohne Trennstrich“ braucht die Form Bezeichnung | Adresse.");
        assertThat(settings.current()).isEqualTo(before);
        HttpResponse<String> second = admin.post("/admin/settings", Map.of("siteName", "X", "outlet", "x",
                "tagline", "", "language", "fr", "navigation", "Böse | javascript:alert(1)",
                "supportUrl", "javascript:alert(2)", "newsletterUrl", ""));
        assertThat(Jsoup.parse(second.body()).select(".problems li").eachText()).contains(
                "Diese Sprache wird nicht unterstützt.",
                "Die Adresse „javascript:alert(1)“ ist nicht zulässig: erlaubt sind /pfad, https://…, http://… und mailto:.");
        assertThat(settings.current()).isEqualTo(before);
    }

    @Test
    void onlyAdminsChangeSettings() {
        var editor = data.staff(de.depesche.account.Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), de.depesche.support.TestData.STAFF_PASSWORD);
        assertThat(session.get("/admin/settings").statusCode()).isEqualTo(403);
    }
}
