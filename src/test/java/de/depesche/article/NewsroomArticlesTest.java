package de.depesche.article;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class NewsroomArticlesTest extends IntegrationTest {

    private StaffSession admin() {
        return StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
    }

    private static byte[] image(String name) throws IOException {
        try (InputStream in = NewsroomArticlesTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> form(String title) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("dateline", "KIEL");
        f.put("lead", "Ein Vorspann.");
        f.put("body", "Der erste Absatz.\n\n## Mehr\n\nDer zweite Absatz.");
        f.put("tags", "Ostsee, Marine");
        f.put("version", "0");
        return f;
    }

    @Test
    void anEditorWritesPublishesAndReadersSeeIt() throws IOException {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        String title = unique("Marinemanöver in der Ostsee");
        Map<String, String> f = form(title);
        f.put("action", "publish");
        f.put("imageCaption", "Ein Testbild");
        f.put("imageCredit", "Depesche");
        HttpResponse<String> saved = editor.postMultipart("/admin/articles", f, "image", "foto.jpg", "image/jpeg", image("photo.jpg"));
        assertThat(saved.statusCode()).isEqualTo(302);
        Document edit = editor.follow(saved);
        assertThat(edit.select(".notice").text()).isEqualTo("Der Artikel ist veröffentlicht.");

        Document home = Jsoup.parse(get("/").body());
        assertThat(home.select(".teaser h2 a").eachText()).contains(title);
        String path = home.select(".teaser h2 a:contains(" + title + ")").attr("href");
        Document article = Jsoup.parse(get(path).body());
        assertThat(article.select(".body p").first().text()).startsWith("KIEL (Depesche) – Der erste Absatz.");
        assertThat(article.select("figure img").attr("srcset")).contains("480w", "960w");
        assertThat(article.select("figcaption").text()).contains("Ein Testbild", "Bild: Depesche");
        String variant = article.select("figure img").attr("src");
        HttpResponse<String> imageResponse = get(variant);
        assertThat(imageResponse.statusCode()).isEqualTo(200);
        assertThat(imageResponse.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(imageResponse.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
    }

    @Test
    void aRefusedUploadKeepsEverythingTheEditorTyped() throws IOException {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        String title = unique("Mit falschem Bild");
        Map<String, String> f = form(title);
        f.put("action", "save");

        HttpResponse<String> lying = editor.postMultipart("/admin/articles", f, "image", "bild.jpg", "image/jpeg", image("graphic.png"));
        assertThat(lying.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(lying.body());
        assertThat(page.select(".problems li").text()).contains("passen nicht zum Inhalt der Datei");
        assertThat(page.select("#title").val()).isEqualTo(title);
        assertThat(page.select("#body").val()).contains("Der zweite Absatz.");
        assertThat(page.select("#tags").val()).isEqualTo("Ostsee, Marine");

        Document text = Jsoup.parse(editor.postMultipart("/admin/articles", f, "image", "text.jpg", "image/jpeg", image("text.jpg")).body());
        assertThat(text.select(".problems li").text()).contains("kein Bild in einem unterstützten Format");
        Document corrupt = Jsoup.parse(editor.postMultipart("/admin/articles", f, "image", "kaputt.jpg", "image/jpeg", image("corrupt.jpg")).body());
        assertThat(corrupt.select(".problems li").text()).contains("beschädigt");
        Document empty = Jsoup.parse(editor.postMultipart("/admin/articles", f, "image", "leer.jpg", "image/jpeg", new byte[0]).body());
        assertThat(empty.select(".problems li").text()).contains("leer");
        byte[] huge = new byte[11 * 1024 * 1024];
        System.arraycopy(image("photo.jpg"), 0, huge, 0, 64);
        Document tooLarge = Jsoup.parse(editor.postMultipart("/admin/articles", f, "image", "gross.jpg", "image/jpeg", huge).body());
        assertThat(tooLarge.select(".problems li").text()).contains("zu groß");

        assertThat(Jsoup.parse(get("/admin/articles?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8)).body())
                .select("td a").eachText()).doesNotContain(title);
    }

    @Test
    void brokenUtf8FromTheEditorIsExplainedAndTheRestIsKept() {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        String title = unique("Kodierungsfehler");
        Map<String, byte[]> f = new LinkedHashMap<>();
        form(title).forEach((k, v) -> f.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // "Grüße" as Latin-1 bytes inside an otherwise UTF-8 form: a browser or a paste gone wrong.
        f.put("body", concat("Der erste Absatz. Gr".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFC, (byte) 0xDF, 'e'}, " Zweiter Satz.".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        f.put("action", "save".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> r = editor.postMultipartBytes("/admin/articles", f, "image", "", "application/octet-stream", new byte[0]);
        assertThat(r.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(r.body());
        assertThat(page.select(".field-error .error").text()).contains("ungültige Zeichen");
        assertThat(page.select("#title").val()).isEqualTo(title);
        assertThat(page.select("#tags").val()).isEqualTo("Ostsee, Marine");
        assertThat(page.select("#body").val()).contains("Der erste Absatz. Gr", "e Zweiter Satz.");
        assertThat(get("/admin/articles?q=x").statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(editor.get("/admin/articles?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8)).body())
                .select("td a").eachText()).doesNotContain(title);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void anUploadBeyondTheRequestLimitGetsAClearPageAndALogLine(org.springframework.boot.test.system.CapturedOutput output)
            throws IOException {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        String title = unique("Viel zu großes Bild");
        byte[] huge = new byte[71 * 1024 * 1024];
        System.arraycopy(image("photo.jpg"), 0, huge, 0, 64);
        HttpResponse<String> r = editor.postMultipart("/admin/articles", form(title), "image", "riesig.jpg", "image/jpeg", huge);
        assertThat(r.statusCode()).isEqualTo(413);
        Document page = Jsoup.parse(r.body());
        assertThat(page.select("html").attr("lang")).isEqualTo("de");
        assertThat(page.select("h1").text()).isEqualTo("Die Datei ist zu groß");
        assertThat(page.select(".error-page").text()).contains("70 MB");
        assertThat(output.getAll()).contains("Upload to /admin/articles refused");
        assertThat(Jsoup.parse(editor.get("/admin/articles?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8)).body())
                .select("td a").eachText()).doesNotContain(title);

        HttpResponse<String> api = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/media")))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(concat(
                        "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII), huge,
                        "\r\n--xyz--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).build());
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(api.body()).contains("zu groß");
    }

    @Test
    void acceptsPngWithTransparencyAndWebp() throws IOException {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        for (String[] file : new String[][] {{"grafik.png", "image/png", "graphic.png"}, {"bild.webp", "image/webp", "small.webp"}}) {
            Map<String, String> f = form(unique("Bildformat"));
            HttpResponse<String> saved = editor.postMultipart("/admin/articles", f, "image", file[0], file[1], image(file[2]));
            assertThat(saved.statusCode()).as(file[0]).isEqualTo(302);
            Document edit = editor.follow(saved);
            String preview = edit.select(".panel img").attr("src");
            assertThat(get(preview).statusCode()).as(file[0]).isEqualTo(200);
        }
    }

    @Test
    void thePreviewButtonRendersWithoutSaving() {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        Map<String, String> f = form(unique("Nur Vorschau"));
        f.put("body", "Text mit **Betonung** und <script>alert(1)</script>");
        f.put("action", "preview");
        HttpResponse<String> preview = editor.postMultipart("/admin/articles", f, "image", "", "application/octet-stream", new byte[0]);
        Document page = Jsoup.parse(preview.body());
        assertThat(page.select(".preview strong").text()).isEqualTo("Betonung");
        assertThat(page.select(".preview script")).isEmpty();
        assertThat(page.select("#body").val()).contains("<script>alert(1)</script>");
    }

    @Test
    void validationErrorsAppearBesideTheFieldsInGerman() {
        StaffSession editor = admin();
        editor.page("/admin/articles/new");
        Map<String, String> f = form("");
        f.put("action", "save");
        HttpResponse<String> r = editor.postMultipart("/admin/articles", f, "image", "", "application/octet-stream", new byte[0]);
        Document page = Jsoup.parse(r.body());
        assertThat(page.select(".field-error #title")).hasSize(1);
        assertThat(page.select(".field-error .error").text()).contains("Bitte ausfüllen.");
        assertThat(page.select("#body").val()).contains("Der zweite Absatz.");
    }

    @Test
    void postsWithoutCsrfTokenAreRefused() {
        StaffSession editor = admin();
        editor.page("/admin/settings");
        HttpResponse<String> r = editor.post("/admin/settings", Map.of("siteName", "Übernommen"), false);
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void authorsSeeNoPublishButtonAndCannotPublishByHand() {
        StaffMember author = data.staff(Role.AUTHOR);
        StaffSession session = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        Document editor = session.page("/admin/articles/new");
        assertThat(editor.select("button[value=publish]")).isEmpty();
        assertThat(editor.select("button[value=save]")).hasSize(1);
        Map<String, String> f = form(unique("Autorenentwurf"));
        HttpResponse<String> saved = session.postMultipart("/admin/articles", f, "image", "", "application/octet-stream", new byte[0]);
        String location = saved.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        session.page("/admin/articles/" + id);
        assertThat(session.post("/admin/articles/" + id + "/publish", Map.of()).statusCode()).isEqualTo(403);
        assertThat(session.page("/admin/staff").select("h1").text()).isEqualTo("Diese Anfrage können wir nicht beantworten");
    }

    @Test
    void moderatorsHaveNoAccessToTheArticleScreens() {
        StaffMember moderator = data.staff(Role.MODERATOR);
        Article draft = data.draft(unique("Für Moderatoren tabu"));
        StaffSession session = StaffSession.signedIn(port, moderator.email(), TestData.STAFF_PASSWORD);
        for (String path : new String[] {"/admin/articles", "/admin/articles/new", "/admin/articles/" + draft.id(),
                "/admin/articles/" + draft.id() + "/revisions", "/admin/articles/" + draft.id() + "/revisions/1",
                "/admin/categories"}) {
            HttpResponse<String> r = session.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain(draft.title());
        }
        assertThat(session.page("/admin").select(".nr-nav a").eachText()).doesNotContain("Artikel", "Kategorien");
    }

    @Test
    void authorsSeeTheirOwnAndPublishedArticlesButNotOtherPeoplesDrafts() {
        StaffMember author = data.staff(Role.AUTHOR);
        StaffMember colleague = data.staff(Role.AUTHOR);
        var articles = data.articles();
        Article own = articles.create(data.draft(unique("Eigener Entwurf"), "KIEL", "Mein Text."), data.principal(author));
        Article foreign = articles.create(data.draft(unique("Fremder Entwurf"), "KIEL", "Geheimer Text."), data.principal(colleague));
        Article published = data.published(unique("Schon erschienen"));
        StaffSession session = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);

        for (String path : new String[] {"/admin/articles/" + own.id(), "/admin/articles/" + own.id() + "/revisions",
                "/admin/articles/" + published.id(), "/admin/articles/" + published.id() + "/revisions/1"}) {
            assertThat(session.get(path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/admin/articles/" + foreign.id(), "/admin/articles/" + foreign.id() + "/revisions",
                "/admin/articles/" + foreign.id() + "/revisions/1"}) {
            HttpResponse<String> r = session.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("Geheimer Text", foreign.title());
        }
        assertThat(session.page("/admin/articles").select("td a").eachText()).contains(own.title()).doesNotContain(foreign.title());
        assertThat(session.post("/admin/articles/" + foreign.id(), Map.of("title", "Übernommen", "action", "preview"))
                .statusCode()).isEqualTo(403);

        StaffSession editor = admin();
        assertThat(editor.get("/admin/articles/" + foreign.id()).body()).contains("Geheimer Text");
    }

    @Test
    void revisionsShowWhoChangedWhat() {
        StaffSession editor = admin();
        Article a = data.published(unique("Mit Geschichte"));
        editor.page("/admin/articles/" + a.id());
        Map<String, String> f = form(a.title() + " (korrigiert)");
        f.put("version", String.valueOf(a.version()));
        editor.postMultipart("/admin/articles/" + a.id(), f, "image", "", "application/octet-stream", new byte[0]);
        Document revisions = editor.page("/admin/articles/" + a.id() + "/revisions");
        assertThat(revisions.select("tbody tr").first().text()).contains("Administration", "Titel", "Text");
        assertThat(revisions.select("tbody tr")).hasSize(3);
    }
}
