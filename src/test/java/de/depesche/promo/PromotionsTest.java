package de.depesche.promo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Recommendation boxes under articles and in the sidebar, and the counted /go/ redirect. */
class PromotionsTest extends IntegrationTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";

    @Autowired
    Promotions promotions;

    @Autowired
    JdbcClient jdbc;

    private PromoItem item(PromoKind kind, String title, String url, PromoPlacement placement) {
        return promotions.create(new PromoDraft(kind, title, "Ein Untertitel", url, null, "/img/logo.png", placement, 0, true),
                data.admin());
    }

    private HttpResponse<String> click(String path, String agent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (agent != null) {
            b.header("User-Agent", agent);
        }
        return send(b.build());
    }

    @Test
    void affiliateItemsAppearUnderArticlesAndInTheSidebarAsSponsoredLinks() {
        PromoItem book = item(PromoKind.BOOK, unique("Buch über Drohnen"), "https://shop.example/buch?tag=depesche-21", PromoPlacement.BOTH);
        PromoItem support = item(PromoKind.SUPPORT, unique("Unterstützen Sie uns"), "https://patreon.example/depesche", PromoPlacement.SIDEBAR);
        Article article = data.published(unique("Artikel mit Empfehlungen"));

        Document page = Jsoup.parse(get(article.path()).body());
        Element below = page.selectFirst(".article .promos a[href=" + book.clickPath() + "]");
        assertThat(below).isNotNull();
        assertThat(below.attr("rel")).isEqualTo("sponsored noopener");
        assertThat(below.text()).isEqualTo(book.title());
        assertThat(page.select(".sidebar .promos a[href=" + book.clickPath() + "]")).hasSize(1);
        Element supportLink = page.selectFirst(".sidebar a[href=" + support.clickPath() + "]");
        assertThat(supportLink.attr("rel")).isEqualTo("noopener");
        assertThat(page.select(".article .promos a[href=" + support.clickPath() + "]")).isEmpty();
        for (Element img : page.select(".promos img")) {
            assertThat(img.attr("src")).startsWith("/");
        }

        promotions.setActive(book.id(), false, data.admin());
        assertThat(Jsoup.parse(get(article.path()).body()).select("a[href=" + book.clickPath() + "]")).isEmpty();
    }

    @Test
    void aClickIsCountedAndRedirectedWithoutKeepingAnythingAboutTheReader() {
        PromoItem book = item(PromoKind.BOOK, unique("Gezähltes Buch"), "https://shop.example/gezaehlt", PromoPlacement.BELOW_ARTICLE);
        HttpResponse<String> first = click(book.clickPath(), BROWSER);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).hasValue("https://shop.example/gezaehlt");
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        click(book.clickPath(), BROWSER);
        click(book.clickPath(), "Googlebot/2.1 (+http://www.google.com/bot.html)");
        click(book.clickPath(), null);

        assertThat(promotions.clicks().get(book.id())).isEqualTo(new PromoClicks(2, 2));
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        Document list = admin.page("/admin/promos");
        Element row = list.selectFirst("tr:has(a[href=/admin/promos/" + book.id() + "])");
        assertThat(row.select(".clicks-recent").text()).isEqualTo("2");
        assertThat(row.select(".clicks-total").text()).isEqualTo("2");
    }

    @Test
    void onlyActiveItemsRedirectSoGoIsNoOpenRedirect() {
        PromoItem item = item(PromoKind.PRODUCT, unique("Abgeschaltet"), "https://shop.example/aus", PromoPlacement.BOTH);
        promotions.setActive(item.id(), false, data.admin());
        assertThat(click(item.clickPath(), BROWSER).statusCode()).isEqualTo(404);
        assertThat(click("/go/999999999", BROWSER).statusCode()).isEqualTo(404);
        assertThat(click("/go/abc", BROWSER).statusCode()).isEqualTo(404);
        assertThat(promotions.clicks()).doesNotContainKey(item.id());
    }

    @Test
    void editorsManagePromosAndUnsafeTargetsOrForeignImagesAreRefused() throws IOException {
        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        session.page("/admin/promos/new");
        Map<String, String> form = new LinkedHashMap<>();
        String title = unique("Sachbuch Sicherheit");
        form.put("kind", "BOOK");
        form.put("title", title);
        form.put("subtitle", "Von einer Autorin");
        form.put("targetUrl", "javascript:alert(document.cookie)");
        form.put("imagePath", "https://tracker.example/cover.jpg");
        form.put("placement", "BOTH");
        form.put("position", "1");
        form.put("active", "true");
        Document refused = Jsoup.parse(session.postMultipart("/admin/promos", form, "image", "", "application/octet-stream", null).body());
        assertThat(refused.select(".problems li").eachText()).anyMatch(t -> t.startsWith("Die Ziel-Adresse"))
                .contains("Das Bild muss auf dieser Website liegen (Pfad wie /media/… oder /img/…).");
        assertThat(refused.select("#title").val()).isEqualTo(title);

        form.put("targetUrl", "https://shop.example/sachbuch");
        form.put("imagePath", "");
        HttpResponse<String> saved = session.postMultipart("/admin/promos", form, "image", "cover.jpg", "image/jpeg", image("photo.jpg"));
        assertThat(saved.statusCode()).isEqualTo(302);
        Document edit = session.follow(saved);
        assertThat(edit.select(".notice").text()).isEqualTo("Die Empfehlung ist gespeichert.");
        assertThat(edit.select("img.promo-preview").attr("src")).matches("/media/[0-9]+/[0-9]+\\.jpg");

        PromoItem created = promotions.all().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
        session.page("/admin/promos");
        HttpResponse<String> off = session.post("/admin/promos/" + created.id() + "/active", Map.of("active", "false"));
        assertThat(session.follow(off).select(".notice").text()).isEqualTo("Die Empfehlung ist ausgeschaltet.");
        assertThat(promotions.find(created.id()).orElseThrow().active()).isFalse();

        StaffMember moderator = data.staff(Role.MODERATOR);
        assertThat(StaffSession.signedIn(port, moderator.email(), TestData.STAFF_PASSWORD).get("/admin/promos").statusCode())
                .isEqualTo(403);
    }

    @Test
    void editorsDeleteAnItemTogetherWithItsClickCounts() {
        PromoItem book = item(PromoKind.BOOK, unique("Ausverkauftes Buch"), "https://shop.example/weg", PromoPlacement.BOTH);
        click(book.clickPath(), BROWSER);
        click(book.clickPath(), BROWSER);
        assertThat(clickRows(book.id())).isOne();
        Article article = data.published(unique("Artikel vor dem Löschen"));
        assertThat(Jsoup.parse(get(article.path()).body()).select("a[href=" + book.clickPath() + "]")).isNotEmpty();

        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        Document edit = session.page("/admin/promos/" + book.id());
        String action = edit.select("form.delete-promo").attr("action");
        assertThat(action).isEqualTo("/admin/promos/" + book.id() + "/delete");
        assertThat(edit.select("form.delete-promo button").text()).isEqualTo("Empfehlung löschen");
        HttpResponse<String> deleted = session.post(action, Map.of());
        assertThat(session.follow(deleted).select(".notice").text()).isEqualTo("Die Empfehlung ist gelöscht.");

        assertThat(promotions.find(book.id())).isEmpty();
        assertThat(promotions.clicks()).doesNotContainKey(book.id());
        assertThat(clickRows(book.id())).isZero();
        assertThat(click(book.clickPath(), BROWSER).statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(get(article.path()).body()).select("a[href=" + book.clickPath() + "]")).isEmpty();
        assertThat(session.post(action, Map.of()).statusCode()).as("already gone").isEqualTo(404);

        StaffMember moderator = data.staff(Role.MODERATOR);
        PromoItem other = item(PromoKind.PRODUCT, unique("Bleibt"), "https://shop.example/bleibt", PromoPlacement.BOTH);
        StaffSession moderatorSession = StaffSession.signedIn(port, moderator.email(), TestData.STAFF_PASSWORD);
        moderatorSession.page("/admin");
        assertThat(moderatorSession.post("/admin/promos/" + other.id() + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(promotions.find(other.id())).isPresent();
    }

    @Test
    void theNewsletterCallToActionIsAPlainLinkToTheSignUpWithoutAffiliateNote() {
        PromoItem cta = item(PromoKind.NEWSLETTER, unique("Die besten Meldungen per E-Mail"), "/newsletter", PromoPlacement.BOTH);
        Article article = data.published(unique("Artikel mit Newsletter-Hinweis"));

        Document page = Jsoup.parse(get(article.path()).body());
        for (String box : List.of(".article .promos", ".sidebar .promos")) {
            Element entry = page.selectFirst(box + " li.promo-newsletter:has(a[href=" + cta.clickPath() + "])");
            assertThat(entry).as(box).isNotNull();
            assertThat(entry.selectFirst("a").attr("rel")).isEqualTo("noopener");
            assertThat(entry.text()).doesNotContain("Affiliate");
        }
        HttpResponse<String> followed = click(cta.clickPath(), BROWSER);
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(followed.headers().firstValue("Location")).hasValue("/newsletter");
        assertThat(promotions.clicks().get(cta.id())).isEqualTo(new PromoClicks(1, 1));
    }

    private long clickRows(long itemId) {
        return jdbc.sql("select count(*) from promo_click where item_id = :id").param("id", itemId).query(Long.class).single();
    }

    private static byte[] image(String name) throws IOException {
        try (InputStream in = PromotionsTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }
}
