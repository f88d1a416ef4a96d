package de.depesche.browser;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import de.depesche.browser.RepresentativeSite.Page;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of page Depesche serves, in its fullest state, is valid HTML5 according to the Nu Html
 * Checker (the W3C validator, run locally from vnu.jar): reader pages, form pages with their errors,
 * error pages and the newsroom signed in as admin. All pages go to the checker in one run, and the
 * test lists every error with its page.
 */
@Tag("browser")
class MarkupValidityTest extends IntegrationTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    /** The pages and the checker's report stay in target/ for a look after a failure. */
    private final Path pages = Path.of("target", "quality", "html");

    @Test
    void everyPageIsValidHtml5() throws Exception {
        Path vnu = QualityTools.vnu();
        RepresentativeSite site = RepresentativeSite.of(context, port);
        StaffSession reader = new StaffSession(port);
        StaffSession staff = site.staffSession();

        Map<String, String> saved = new LinkedHashMap<>();
        for (Page page : site.readerPages()) {
            saved.put(page.fileName(), fetch(page.staff() ? staff : reader, page));
        }
        for (Page page : site.newsroomPages()) {
            saved.put(page.fileName(), fetch(staff, page));
        }
        formResults(site, saved);

        // The checker is only worth trusting if it notices a fault: one deliberately broken page rides along.
        saved.put("zz-known-fault.html", "<!DOCTYPE html><html lang=\"de\"><head><title>x</title></head>"
                + "<body><p><div>block in paragraph</div></p></body></html>");
        Files.createDirectories(pages);
        try (var old = Files.list(pages)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, String> e : saved.entrySet()) {
            Files.writeString(pages.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }

        List<String> errors = validate(vnu, saved.keySet().stream().map(pages::resolve).toList());
        assertThat(errors).as("the checker reports the known fault").anyMatch(e -> e.startsWith("zz-known-fault.html"));
        List<String> real = errors.stream().filter(e -> !e.startsWith("zz-known-fault.html")).toList();
        String report = real.size() + " Nu Html Checker errors on " + (saved.size() - 1) + " pages (saved under "
                + pages.toAbsolutePath() + "):\n" + String.join("\n", real);
        Files.writeString(pages.resolveSibling("vnu-report.txt"), report, StandardCharsets.UTF_8);
        assertThat(real).withFailMessage(report).isEmpty();
    }

    private static String fetch(StaffSession session, Page page) {
        HttpResponse<String> r = session.get(page.path());
        assertThat(r.statusCode()).as(page.name() + " " + page.path()).isEqualTo(page.status());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(page.path()).startsWith("text/html");
        return r.body();
    }

    /** Pages that only exist as the answer to a form: refused input with its error summary, and success pages. */
    private void formResults(RepresentativeSite site, Map<String, String> saved) throws InterruptedException {
        StaffSession reader = new StaffSession(port);
        Document article = reader.page(site.article.path());
        Map<String, String> comment = new LinkedHashMap<>();
        comment.put("article", article.select("form.comment-form input[name=article]").val());
        comment.put("token", article.select("form.comment-form input[name=token]").val());
        comment.put("name", "");
        comment.put("email", "keine adresse");
        comment.put("text", "<script>alert(1)</script>");
        comment.put("website", "");
        TimeUnit.MILLISECONDS.sleep(1100);
        saved.put("form-comment-refused.html", expect(reader.post("/kommentare", comment, false), 422));

        Document newsletter = reader.page("/newsletter");
        Map<String, String> subscribe = new LinkedHashMap<>();
        subscribe.put("kind", "newsletter");
        subscribe.put("target", "weekly");
        subscribe.put("token", newsletter.select("input[name=token]").val());
        subscribe.put("email", "not-an-address");
        subscribe.put("website", "");
        TimeUnit.MILLISECONDS.sleep(1100);
        saved.put("form-subscribe-refused.html", expect(reader.post("/abo", subscribe, false), 422));

        Document category = reader.page("/abo/neu?kind=category&target=" + site.category.slug());
        Map<String, String> feed = new LinkedHashMap<>();
        feed.put("kind", "category");
        feed.put("target", site.category.slug());
        feed.put("channel", "feed");
        feed.put("token", category.select("input[name=token]").val());
        feed.put("email", "");
        feed.put("consent", "true");
        feed.put("website", "");
        TimeUnit.MILLISECONDS.sleep(2100);
        saved.put("form-subscribe-feed-done.html", expect(reader.post("/abo", feed, false), 200));
        saved.put("form-subscription-confirmed.html", expect(reader.post(site.confirmPath, Map.of(), false), 200));
        saved.put("form-subscription-confirm-unknown.html", expect(reader.post("/abo/bestaetigen/unbekannt", Map.of(), false), 404));
        saved.put("form-erase-unconfirmed.html", expect(reader.post(site.managePath + "/loeschen", Map.of(), false), 200));
        saved.put("form-notify-confirmed.html", expect(reader.post(site.commentNotifyPath, Map.of(), false), 200));

        StaffSession staff = site.staffSession();
        staff.page("/admin/articles/new");
        Map<String, String> editor = new LinkedHashMap<>();
        editor.put("title", "");
        editor.put("body", "# Vorschau\n\nMit **Markdown** und <script>alert(1)</script>.");
        editor.put("version", "0");
        editor.put("action", "preview");
        saved.put("form-editor-preview.html", expect(staff.postMultipart("/admin/articles", editor, "image", "", "application/octet-stream",
                new byte[0]), 200));
        editor.put("action", "save");
        saved.put("form-editor-refused.html", expect(staff.postMultipart("/admin/articles", editor, "image", "", "application/octet-stream",
                new byte[0]), 200));
        staff.page("/admin/staff");
        saved.put("form-staff-refused.html", expect(staff.post("/admin/staff", Map.of("email", "kaputt", "displayName", "",
                "role", "EDITOR", "password", "kurz")), 200));
        saved.put("error-403-no-csrf.html", expect(new StaffSession(port).post("/admin/settings", Map.of(), false), 403));
        saved.put("form-login-failed.html", expect(new StaffSession(port).get("/admin/login?error"), 200));
    }

    private static String expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + ": " + Jsoup.parse(r.body()).select(".problems").text()).isEqualTo(status);
        return r.body();
    }

    /** Runs vnu once over all files; returns "file: line:column: message" for each error. */
    private static List<String> validate(Path vnu, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(QualityTools.java().toString(),
                "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", vnu.toString(), "--errors-only", "--format", "json"));
        files.forEach(f -> command.add(f.toString()));
        Path out = Files.createTempFile("vnu-", ".json");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("vnu finished").isTrue();
        String report = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        int start = report.indexOf("{\"");
        assertThat(start).as("vnu printed a JSON report: " + report).isGreaterThanOrEqualTo(0);
        JsonNode messages = JSON.readTree(report.substring(start)).path("messages");
        List<String> errors = new ArrayList<>();
        for (JsonNode m : messages) {
            String url = m.path("url").asString("");
            String file = url.substring(url.lastIndexOf('/') + 1);
            errors.add(file + ": " + m.path("lastLine").asInt() + ":" + m.path("firstColumn").asInt() + ": "
                    + m.path("type").asString() + ": " + m.path("message").asString()
                    + (m.has("extract") ? "  [" + m.path("extract").asString().replace('\n', ' ') + "]" : ""));
        }
        return errors;
    }
}
