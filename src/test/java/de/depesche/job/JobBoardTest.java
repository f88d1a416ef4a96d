package de.depesche.job;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The job board, job pages, the box beside articles and the newsroom's job desk. */
class JobBoardTest extends IntegrationTest {

    @Autowired
    JobListings jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    private JobListing job(String title, String employer, List<String> places, boolean remote, EmploymentType type) {
        return jobs.create(new JobDraft(title, employer, places, remote, type, "<p>Was Sie erwartet: " + title + "</p>",
                "https://jobs.example.org/" + Math.abs(title.hashCode()), null, LocalDate.now().plusDays(30)), data.admin());
    }

    private static String q(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theBoardFiltersByPlaceRemoteTypeAndText() {
        String tag = Long.toString(System.nanoTime(), 36);
        job("Redakteur Rostock " + tag, "Ostsee-Zeitung", List.of("Rostock"), false, EmploymentType.FULL_TIME);
        job("Entwicklerin remote " + tag, "Technik AG", List.of(), true, EmploymentType.PART_TIME);
        job("Praktikum Rostock " + tag, "Technik AG", List.of("Rostock", "Wismar"), true, EmploymentType.INTERN);

        assertThat(titles("/jobs?q=" + tag)).hasSize(3);
        assertThat(titles("/jobs?q=" + tag + "&ort=Rostock")).containsExactlyInAnyOrder("Redakteur Rostock " + tag, "Praktikum Rostock " + tag);
        assertThat(titles("/jobs?q=" + tag + "&remote=1")).containsExactlyInAnyOrder("Entwicklerin remote " + tag, "Praktikum Rostock " + tag);
        assertThat(titles("/jobs?q=" + tag + "&art=INTERN")).containsExactly("Praktikum Rostock " + tag);
        assertThat(titles("/jobs?q=" + tag + "&art=UNSINN")).hasSize(3);
        Document board = Jsoup.parse(get("/jobs?q=" + tag).body());
        assertThat(board.select("#ort option").eachText()).contains("Rostock", "Wismar");
        assertThat(board.select("label[for=ort]")).hasSize(1);
        assertThat(board.select("meta[name=robots]").attr("content")).contains("noindex");
        assertThat(Jsoup.parse(get("/jobs").body()).select("meta[name=robots]")).isEmpty();
    }

    @Test
    void theBoardIsPaginatedAndRefusesNonsense() {
        String tag = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 23; i++) {
            job("Stelle " + i + " " + tag, "Firma " + i, List.of("Halle"), false, EmploymentType.FULL_TIME);
        }
        Document first = Jsoup.parse(get("/jobs?q=" + tag).body());
        assertThat(first.select(".job-item")).hasSize(20);
        String next = first.select(".pagination a[rel=next]").attr("href");
        assertThat(next).contains("seite=2").contains("q=" + tag);
        assertThat(Jsoup.parse(get(next).body()).select(".job-item")).hasSize(3);
        assertThat(get("/jobs?seite=100000").statusCode()).isEqualTo(404);
        assertThat(get("/jobs?seite=abc").statusCode()).isEqualTo(400);
        assertThat(get("/jobs?q=" + q("<script>alert(1)</script>' or 1=1 --")).body()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void aJobPageCarriesJobPostingStructuredData() {
        JobListing j = job(unique("Redakteurin Außenpolitik"), "Depesche Verlag", List.of("Berlin"), true, EmploymentType.FULL_TIME);
        HttpResponse<String> response = get(j.path());
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("h1").text()).isEqualTo(j.title());
        assertThat(page.select(".job-apply a").attr("href")).isEqualTo(j.applyUrl());
        JsonNode posting = page.select("script[type=application/ld+json]").stream().map(s -> json.readTree(s.data()))
                .filter(n -> n.path("@type").asString().equals("JobPosting")).findFirst().orElseThrow();
        assertThat(posting.path("title").asString()).isEqualTo(j.title());
        assertThat(posting.path("hiringOrganization").path("name").asString()).isEqualTo("Depesche Verlag");
        assertThat(posting.path("jobLocation").path("address").path("addressLocality").asString()).isEqualTo("Berlin");
        assertThat(posting.path("jobLocationType").asString()).isEqualTo("TELECOMMUTE");
        assertThat(posting.path("employmentType").asString()).isEqualTo("FULL_TIME");
    }

    @Test
    void anEndedJobAnswersGoneWithAFriendlyPageAndLeavesEveryList() {
        String title = unique("Ausgelaufene Stelle");
        JobListing j = job(title, "Firma", List.of("Jena"), false, EmploymentType.FULL_TIME);
        Article article = data.published(unique("Artikel neben Stellen"));
        assertThat(titles("/jobs?q=" + q(title))).containsExactly(title);

        jdbc.sql("update job_listing set valid_through = :past where id = :id")
                .param("past", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60))).param("id", j.id()).update();
        jobs.expire();

        HttpResponse<String> gone = get(j.path());
        assertThat(gone.statusCode()).isEqualTo(410);
        Document page = Jsoup.parse(gone.body());
        assertThat(page.select("h1").text()).isEqualTo("Diese Stelle ist nicht mehr ausgeschrieben");
        assertThat(page.select("a[href=/jobs]")).isNotEmpty();
        assertThat(titles("/jobs?q=" + q(title))).isEmpty();
        assertThat(Jsoup.parse(get(article.path()).body()).select(".jobs-box").text()).doesNotContain(title);
        assertThat(get("/jobs/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void theBoxBesideArticlesShowsDistinctCurrentJobs() {
        String title = unique("Die gleiche Stelle");
        job(title, "Gleiche GmbH", List.of("Köln"), false, EmploymentType.FULL_TIME);
        job(title, "Gleiche GmbH", List.of("Bonn"), false, EmploymentType.FULL_TIME);
        job(title, "Gleiche GmbH", List.of("Aachen"), false, EmploymentType.FULL_TIME);
        Article article = data.published(unique("Artikel mit Stellenbox"));

        Document page = Jsoup.parse(get(article.path()).body());
        List<String> boxed = page.select(".sidebar .jobs-box li > a").eachText();
        assertThat(boxed).isNotEmpty().doesNotHaveDuplicates();
        assertThat(boxed).containsOnlyOnce(title);
        assertThat(page.select(".jobs-box h2").text()).isEqualTo("Stellenangebote");

        String newest = unique("Brandneue Stelle");
        job(newest, "Neu AG", List.of("Kassel"), false, EmploymentType.FULL_TIME);
        assertThat(Jsoup.parse(get(article.path()).body()).select(".jobs-box li > a").eachText()).contains(newest);
    }

    @Test
    void editorsManageJobsInTheNewsroomAndAuthorsMayNot() {
        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        assertThat(session.page("/admin").select(".nr-nav a").eachText()).contains("Stellen", "Empfehlungen");
        session.page("/admin/jobs/new");
        Map<String, String> form = new LinkedHashMap<>();
        String title = unique("Chefin vom Dienst");
        form.put("title", title);
        form.put("employer", "");
        form.put("places", "Leipzig, Halle");
        form.put("employmentType", "FULL_TIME");
        form.put("description", "Sie planen den Tag.");
        form.put("applyUrl", "javascript:alert(1)");
        form.put("postedOn", "");
        form.put("endDate", "gestern");
        Document refused = Jsoup.parse(session.post("/admin/jobs", form).body());
        assertThat(refused.select(".problems li").eachText()).contains("Das Datum „gestern“ ist nicht lesbar.");
        form.put("endDate", "");
        refused = Jsoup.parse(session.post("/admin/jobs", form).body());
        assertThat(refused.select(".problems li").eachText()).contains("Der Arbeitgeber fehlt.",
                "Der Bewerbungslink ist keine http- oder https-Adresse.");
        assertThat(refused.select("#title").val()).isEqualTo(title);

        form.put("employer", "Leipziger Blatt");
        form.put("applyUrl", "https://blatt.example/jobs/cvd");
        HttpResponse<String> saved = session.post("/admin/jobs", form);
        assertThat(saved.statusCode()).isEqualTo(302);
        Document edit = session.follow(saved);
        assertThat(edit.select(".notice").text()).isEqualTo("Die Stelle ist gespeichert.");
        String path = edit.select("main a[href^=/jobs/]").attr("href");
        assertThat(Jsoup.parse(get(path).body()).select(".job-facts dd").eachText()).contains("Leipziger Blatt", "Leipzig, Halle");

        HttpResponse<String> deleted = session.post(edit.select("form[action$=/delete]").attr("action"), Map.of());
        assertThat(session.follow(deleted).select(".notice").text()).isEqualTo("Die Stelle ist gelöscht.");
        assertThat(get(path).statusCode()).isEqualTo(404);

        StaffMember author = data.staff(Role.AUTHOR);
        StaffSession authorSession = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        assertThat(authorSession.get("/admin/jobs").statusCode()).isEqualTo(403);
        assertThat(authorSession.page("/admin").select(".nr-nav a").eachText()).doesNotContain("Stellen");
    }

    @Test
    void savingAnEditedJobKeepsItsEndDate() {
        LocalDate lastDay = LocalDate.now().plusDays(30);
        JobListing j = job(unique("Stelle mit Frist"), "Fristverlag", List.of("Rostock"), false, EmploymentType.FULL_TIME);
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        Document edit = admin.page("/admin/jobs/" + j.id());
        assertThat(edit.select("#endDate").val()).isEqualTo(lastDay.toString());

        Map<String, String> form = new LinkedHashMap<>();
        for (org.jsoup.nodes.Element field : edit.select("form.panel input[name], form.panel textarea[name], form.panel select[name]")) {
            if (field.attr("type").equals("checkbox") && !field.hasAttr("checked")) {
                continue;
            }
            String value = field.tagName().equals("select") ? field.select("option[selected]").val()
                    : field.tagName().equals("textarea") ? field.text() : field.val();
            form.put(field.attr("name"), value);
        }
        form.put("title", j.title() + " (geändert)");
        HttpResponse<String> saved = admin.post("/admin/jobs/" + j.id(), form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JobListing after = jobs.find(j.id()).orElseThrow();
        assertThat(after.title()).endsWith("(geändert)");
        assertThat(after.validThrough()).isEqualTo(j.validThrough());
        assertThat(after.postedOn()).isEqualTo(j.postedOn());
    }

    @Test
    void whereAJobCameFromIsShownInTheReadersLanguage() {
        JobListing j = job(unique("Stelle der Redaktion"), "Eigenverlag", List.of("Dessau"), false, EmploymentType.FULL_TIME);
        assertThat(Jsoup.parse(get(j.path()).body()).select(".job-source").text()).isEqualTo("Quelle: Redaktion");
        assertThat(Jsoup.parse(get(j.path() + "?lang=en").body()).select(".job-source").text()).isEqualTo("Source: newsroom");
        assertThat(jdbc.sql("select source_kind from job_listing where id = :id").param("id", j.id()).query(String.class).single())
                .isEqualTo("NEWSROOM");
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        Document list = admin.page("/admin/jobs?q=" + q(j.title()));
        assertThat(list.select("td.job-source").eachText()).containsExactly("Quelle: Redaktion");
    }

    @Test
    void sourcesMustBeHttpAndNeverLocal() {
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/jobs/sources");
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "Lokale Datei", "url", "file:///etc/passwd",
                "format", "XML", "everyHours", "6", "enabled", "true"));
        Document refused = Jsoup.parse(admin.post("/admin/jobs/sources", form).body());
        assertThat(refused.select(".problems li").eachText()).contains("Nur http- und https-Adressen sind als Quelle erlaubt.");

        form.put("name", unique("Interner Dienst"));
        form.put("url", "http://127.0.0.1:" + port + "/actuator/health");
        assertThat(admin.post("/admin/jobs/sources", form).statusCode()).isEqualTo(302);
        JobSource source = jobs.sources().stream().filter(s -> s.name().equals(form.get("name"))).findFirst().orElseThrow();
        admin.page("/admin/jobs/sources");
        HttpResponse<String> run = admin.post("/admin/jobs/sources/" + source.id() + "/import", Map.of());
        Document report = admin.follow(run);
        assertThat(report.select(".failure").text()).contains("127.0.0.1", "lokalen oder privaten Netz");
        assertThat(report.select(".new").text()).isEqualTo("0");
        assertThat(admin.page("/admin/jobs/reports").select("td").eachText()).contains(source.name());
    }

    @Test
    void aFeedUploadedInTheNewsroomGetsAReportWithReasons() {
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/jobs/sources");
        String good = unique("Hochgeladene Stelle");
        String feed = "<source>" + JobImportApiTest.job(good, "Firma", "Ulm", "") + JobImportApiTest.job(unique("Ohne"), "", "Ulm", "")
                + "</source>";
        HttpResponse<String> response = admin.postMultipart("/admin/jobs/import", Map.of(), "file", "feed.xml", "application/xml",
                feed.getBytes(StandardCharsets.UTF_8));
        Document report = admin.follow(response);
        assertThat(report.select("h1").text()).startsWith("Import aus „feed.xml (hochgeladen)“");
        assertThat(report.select(".new").text()).isEqualTo("1");
        assertThat(report.select(".rejected").text()).isEqualTo("1");
        assertThat(report.select(".rejection td").eachText()).contains("2", "Der Arbeitgeber fehlt.");
        Document board = Jsoup.parse(get("/jobs?q=" + q(good)).body());
        assertThat(Jsoup.parse(get(board.select(".job-item h2 a").attr("href")).body()).select(".job-source").text())
                .isEqualTo("Quelle: von der Redaktion importiert");
    }

    private List<String> titles(String path) {
        return Jsoup.parse(get(path).body()).select(".job-item h2 a").eachText();
    }
}
