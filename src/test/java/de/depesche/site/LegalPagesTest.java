package de.depesche.site;

import java.net.http.HttpResponse;
import java.util.Map;

import de.depesche.account.Role;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The Impressum and the privacy policy: linked from every page, written by admins, safe like articles. */
class LegalPagesTest extends IntegrationTest {

    @Autowired
    LegalTexts texts;

    @AfterEach
    void backToTheDefaults() {
        texts.save(LegalTexts.Kind.IMPRESSUM, "", java.util.Locale.GERMAN);
        texts.save(LegalTexts.Kind.PRIVACY, "", java.util.Locale.GERMAN);
    }

    private StaffSession admin() {
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/settings/legal");
        return admin;
    }

    @Test
    void everyPageLinksToTheImpressumAndThePrivacyPolicyWhichHaveDefaultTexts() {
        Document home = Jsoup.parse(get("/").body());
        assertThat(home.select(".site-footer a").eachAttr("href")).contains("/impressum", "/datenschutz");
        assertThat(home.select(".site-footer a[href=/impressum]").text()).isEqualTo("Impressum");

        HttpResponse<String> impressum = get("/impressum");
        assertThat(impressum.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(impressum.body());
        assertThat(page.select("h1").text()).isEqualTo("Impressum");
        assertThat(page.select(".body h2").eachText()).contains("Anbieter");
        assertThat(Jsoup.parse(get("/impressum?lang=en").body()).select("h1").text()).isEqualTo("Legal notice");

        Document privacy = Jsoup.parse(get("/datenschutz").body());
        assertThat(privacy.select("h1").text()).isEqualTo("Datenschutzerklärung");
        assertThat(privacy.select(".body h2").eachText()).containsExactly("Beim Lesen", "Bei Kommentaren",
                "Bei E-Mail-Benachrichtigungen", "Ihre Rechte");
        assertThat(privacy.select(".body").text()).contains("Wir erheben so wenige Daten wie möglich");
        assertThat(Jsoup.parse(get("/datenschutz?lang=en").body()).select(".body h2").eachText()).contains("When you comment");
    }

    @Test
    void anAdminWritesTheImpressumInMarkdownAndReadersSeeItSafelyAtOnce() {
        assertThat(get("/impressum").body()).doesNotContain("Beispielverlag");
        StaffSession admin = admin();
        String privacy = admin.page("/admin/settings/legal").select("#privacy").val();
        assertThat(privacy).contains("## Beim Lesen");
        HttpResponse<String> saved = admin.post("/admin/settings/legal", Map.of(
                "impressum", "## Anbieter\n\nBeispielverlag GmbH, Hafenstraße 1, 20457 Hamburg\n\n"
                        + "<script>alert(1)</script>\n\n[Kontakt](javascript:alert(2)) und [E-Mail](mailto:redaktion@example.org)",
                "privacy", privacy));
        assertThat(admin.follow(saved).select(".notice").text()).isEqualTo("Impressum und Datenschutzerklärung sind gespeichert.");

        String html = get("/impressum").body();
        Document page = Jsoup.parse(html);
        assertThat(page.select(".body p").first().text()).isEqualTo("Beispielverlag GmbH, Hafenstraße 1, 20457 Hamburg");
        assertThat(page.select(".body a[href=\"mailto:redaktion@example.org\"]")).hasSize(1);
        assertThat(html).doesNotContain("<script>alert(1)", "javascript:alert");
        assertThat(Jsoup.parse(get("/impressum?lang=en").body()).select(".body").text()).contains("Beispielverlag GmbH");
        // The privacy policy was sent back unchanged: it stays the default, in the reader's language.
        assertThat(texts.stored(LegalTexts.Kind.PRIVACY)).isEmpty();
        assertThat(Jsoup.parse(get("/datenschutz?lang=en").body()).select(".body h2").eachText()).contains("When you comment");

        admin.page("/admin/settings/legal");
        admin.post("/admin/settings/legal", Map.of("impressum", "", "privacy", "Eigene **Erklärung**."));
        assertThat(Jsoup.parse(get("/impressum").body()).select(".body").text()).doesNotContain("Beispielverlag");
        assertThat(Jsoup.parse(get("/datenschutz").body()).select(".body strong").text()).isEqualTo("Erklärung");
    }

    @Test
    void tooLongTextsAreRefusedAndNothingIsLost() {
        StaffSession admin = admin();
        String impressum = "Ein gültiges Impressum, das bleibt.";
        HttpResponse<String> refused = admin.post("/admin/settings/legal", Map.of("impressum", impressum,
                "privacy", "x".repeat(LegalTexts.MAX_LENGTH + 1)));
        assertThat(refused.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select(".field-error .error").text()).contains("50000");
        assertThat(page.select("#impressum").val()).isEqualTo(impressum);
        assertThat(texts.stored(LegalTexts.Kind.IMPRESSUM)).isEmpty();
    }

    @Test
    void onlyAdminsEditTheLegalTexts() {
        var editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        assertThat(session.get("/admin/settings/legal").statusCode()).isEqualTo(403);
        assertThat(session.post("/admin/settings/legal", Map.of("impressum", "Übernommen", "privacy", "")).statusCode())
                .isEqualTo(403);
        assertThat(get("/impressum").body()).doesNotContain("Übernommen");
    }
}
