package de.depesche.job;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.support.IntegrationTest;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff push feeds through POST /api/v1/jobs/import and get the import report back. */
class JobImportApiTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;

    @Autowired
    de.depesche.account.AccountManagement accounts;

    private HttpResponse<String> push(String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import")))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> pushXml(String xml) {
        return push("application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    static String job(String title, String company, String city, String extra) {
        return "<job><title><![CDATA[" + title + "]]></title><company><![CDATA[" + company + "]]></company><city>" + city
                + "</city><url>https://jobs.example.org/" + Math.abs(title.hashCode()) + "?utm_campaign=feed</url>"
                + "<description><![CDATA[<p>Aufgaben und Profil für " + title + ".</p>]]></description><jobtype>fulltime</jobtype>"
                + extra + "</job>";
    }

    private JsonNode report(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Test
    void importsAFeedAndAnswersWithTheReport() {
        String title = unique("Redakteurin Verteidigung");
        HttpResponse<String> response = pushXml("<source>" + job(title, "Medienhaus Nord", "Hamburg", "")
                + job(unique("Volontär Wirtschaft"), "Medienhaus Nord", "Kiel", "") + "</source>");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = report(response);
        assertThat(report.path("new").asInt()).isEqualTo(2);
        assertThat(report.path("updated").asInt()).isZero();
        assertThat(report.path("duplicates").asInt()).isZero();
        assertThat(report.path("rejected")).isEmpty();

        Document board = Jsoup.parse(get("/jobs?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8)).body());
        assertThat(board.select(".job-item h2 a").eachText()).containsExactly(title);
        Document page = Jsoup.parse(get(board.select(".job-item h2 a").attr("href")).body());
        assertThat(page.select(".job-apply a").attr("href")).doesNotContain("utm_");
    }

    @Test
    void theSameJobIsOneJobHoweverOftenAndFromWhereverItArrives() {
        String title = unique("Java-Entwickler (m/w/d)");
        String feed = "<source>" + job(title, "Technik AG", "München", "") + job(title.toUpperCase(), "TECHNIK AG", "80331 Muenchen", "")
                + job(title, "Technik AG", "München", "") + "</source>";
        JsonNode first = report(pushXml(feed));
        assertThat(first.path("new").asInt()).isEqualTo(1);
        assertThat(first.path("duplicates").asInt()).isEqualTo(2);

        String asJson = """
                {"@context": "https://schema.org", "@type": "JobPosting", "title": "%s",
                 "description": "<p>Aufgaben und Profil für %s.</p>", "employmentType": "FULL_TIME",
                 "hiringOrganization": {"name": "Technik AG"},
                 "jobLocation": {"@type": "Place", "address": {"addressLocality": "Munich"}},
                 "url": "https://jobs.example.org/%d"}
                """.formatted(title.replace("(m/w/d)", "(w/m/d)"), title, Math.abs(title.hashCode()));
        JsonNode second = report(push("application/ld+json", asJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(second.path("new").asInt()).isZero();

        String uniquePart = title.substring(title.lastIndexOf(' ') + 1);
        Document board = Jsoup.parse(get("/jobs?q=" + uniquePart).body());
        assertThat(board.select(".job-item")).hasSize(1);
    }

    @Test
    void anUpdatedJobChangesInPlace() {
        String title = unique("Redakteur Netzpolitik");
        report(pushXml("<source>" + job(title, "Verlag Süd", "Stuttgart", "<expiration_date>2099-01-31</expiration_date>") + "</source>"));
        JsonNode again = report(pushXml("<source>" + job(title, "Verlag Süd", "Stuttgart", "<expiration_date>2099-03-31</expiration_date>") + "</source>"));
        assertThat(again.path("updated").asInt()).isEqualTo(1);
        assertThat(again.path("new").asInt()).isZero();
        Document board = Jsoup.parse(get("/jobs?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8)).body());
        assertThat(board.select(".job-item")).hasSize(1);
        Document page = Jsoup.parse(get(board.select(".job-item h2 a").attr("href")).body());
        assertThat(page.select(".job-facts time").last().attr("datetime")).startsWith("2099-04-01");
    }

    @Test
    void twoImportsOfTheSameFeedAtOnceBothFinishAndCountEachJobOnce() throws Exception {
        String run = unique("Parallel");
        StringBuilder feed = new StringBuilder("<source>");
        for (int i = 0; i < 40; i++) {
            feed.append(job(run + " Stelle " + i, "Parallelverlag", "Halle", ""));
        }
        String xml = feed.append("</source>").toString();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    start.await();
                    return pushXml(xml);
                }));
            }
            start.countDown();
            int created = 0;
            int duplicates = 0;
            for (var r : runs) {
                HttpResponse<String> response = r.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode report = report(response);
                assertThat(report.path("updated").asInt()).isZero();
                assertThat(report.path("rejected")).isEmpty();
                created += report.path("new").asInt();
                duplicates += report.path("duplicates").asInt();
            }
            assertThat(created).isEqualTo(40);
            assertThat(duplicates).isEqualTo(40);
        } finally {
            two.shutdownNow();
        }
        JsonNode board = json.readTree(get("/api/v1/jobs?size=100").body());
        assertThat(board.path("items").valueStream().filter(j -> j.path("title").asString().startsWith(run)).count()).isEqualTo(40);
    }

    @Test
    void aPushedFeedThatLacksAJobLeavesItAlone() {
        String kept = unique("Im zweiten Push");
        String missing = unique("Nur im ersten Push");
        pushXml("<source>" + job(kept, "Pushverlag", "Gotha", "") + job(missing, "Pushverlag", "Gotha", "") + "</source>");
        JsonNode second = report(pushXml("<source>" + job(kept, "Pushverlag", "Gotha", "") + "</source>"));
        assertThat(second.path("ended").asInt()).isZero();
        assertThat(get("/jobs?q=" + java.net.URLEncoder.encode(missing, StandardCharsets.UTF_8)).body()).contains(missing);
    }

    @Test
    void readersSeeWhereAJobCameFromInTheirLanguage() {
        String title = unique("Stelle vom Partnerportal");
        push("application/xml", ("<source>" + job(title, "Portalverlag", "Erfurt", "") + "</source>").getBytes(StandardCharsets.UTF_8));
        String named = unique("Stelle mit Absender");
        send(HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import?source=Partnerportal")))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<source>" + job(named, "Portalverlag", "Erfurt", "") + "</source>"))
                .build());
        String path = jobPath(title);
        assertThat(Jsoup.parse(get(path).body()).select(".job-source").text()).isEqualTo("Quelle: Import über die Schnittstelle");
        assertThat(Jsoup.parse(get(path + "?lang=en").body()).select(".job-source").text()).isEqualTo("Source: imported through the API");
        assertThat(Jsoup.parse(get(jobPath(named)).body()).select(".job-source").text())
                .isEqualTo("Quelle: Partnerportal (über die Schnittstelle)");
        assertThat(Jsoup.parse(get(jobPath(named) + "?lang=en").body()).select(".job-source").text())
                .isEqualTo("Source: Partnerportal (through the API)");
    }

    private String jobPath(String title) {
        Document board = Jsoup.parse(get("/jobs?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8)).body());
        return board.select(".job-item h2 a").attr("href");
    }

    @Test
    void linksInDescriptionsWrittenAsXmlKeepTheirAddressAndTitlesLoseTheirTags() {
        String title = unique("Redakteurin Links");
        String xml = "<source><job><title><![CDATA[<b>" + title + "</b>]]></title><company>&lt;i&gt;Linkverlag&lt;/i&gt;</company>"
                + "<city>Jena</city><url>https://jobs.example.org/links</url>"
                + "<description><p>Mehr <a href=\"https://linkverlag.example/team\" onclick=\"steal()\">über uns</a>, Gehalt &lt; 60 000 €</p>"
                + "<ul><li>Eins</li><li>Zwei<br/>Zeile</li></ul></description></job></source>";
        assertThat(report(pushXml(xml)).path("new").asInt()).isEqualTo(1);
        Document page = Jsoup.parse(get(jobPath(title)).body());
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.select(".job-facts dd").first().text()).isEqualTo("Linkverlag");
        assertThat(page.select(".body a").attr("href")).isEqualTo("https://linkverlag.example/team");
        assertThat(page.select(".body a[onclick]")).isEmpty();
        assertThat(page.select(".body p").text()).isEqualTo("Mehr über uns, Gehalt < 60 000 €");
        assertThat(page.select(".body li")).hasSize(2);
        assertThat(page.select(".body br")).hasSize(1);
    }

    @Test
    void jsonInTheCharsetTheHeaderNamesIsRead() {
        String title = unique("Stelle in Köln-Mülheim");
        String posting = """
                {"@type": "JobPosting", "title": "%s", "description": "Straßenbau und Brücken",
                 "hiringOrganization": {"name": "Bauamt Köln"}, "jobLocation": {"address": {"addressLocality": "Köln"}},
                 "url": "https://bau.example/1"}
                """.formatted(title);
        JsonNode latin1 = report(push("application/ld+json; charset=ISO-8859-1", posting.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin1.path("new").asInt()).isEqualTo(1);
        assertThat(Jsoup.parse(get(jobPath(title)).body()).select(".body").text()).isEqualTo("Straßenbau und Brücken");

        HttpResponse<String> undeclared = push("application/ld+json",
                posting.replace(title, unique("Ohne Angabe")).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(report(undeclared).path("error").asString()).contains("Zeichenkodierung");
        HttpResponse<String> unknown = push("application/json; charset=klingonisch", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(report(unknown).path("error").asString()).isEqualTo("Die Zeichenkodierung „klingonisch“ ist unbekannt.");
    }

    @Test
    void aJobWithoutEmployerIsRejectedWithItsReasonAndTheOthersAreKept() {
        String good = unique("Gute Stelle");
        String bad = unique("Stelle ohne Arbeitgeber");
        JsonNode report = report(pushXml("<source>" + job(good, "Firma", "Bonn", "") + job(bad, "", "Bonn", "")
                + job(unique("Ohne Link"), "Firma", "Bonn", "").replaceAll("<url>[^<]*</url>", "<url>javascript:alert(1)</url>")
                + job(unique("Abgelaufen"), "Firma", "Bonn", "<expiration_date>2001-01-01</expiration_date>") + "</source>"));
        assertThat(report.path("new").asInt()).isEqualTo(1);
        List<String> reasons = report.path("rejected").valueStream().map(r -> r.path("reason").asString()).toList();
        assertThat(reasons).containsExactly("Der Arbeitgeber fehlt.", "Der Bewerbungslink ist keine http- oder https-Adresse.",
                "Die Ausschreibung ist schon abgelaufen (2001-01-01).");
        assertThat(report.path("rejected").get(0).path("position").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").get(0).path("title").asString()).isEqualTo(bad);
        assertThat(get("/jobs?q=" + java.net.URLEncoder.encode(good, StandardCharsets.UTF_8)).body()).contains(good);
    }

    @Test
    void theReportPageShowsARejectionWhoseReasonNamesALimit() {
        String title = unique("Zu lange Beschreibung");
        String tooLong = "Viel Text. ".repeat(JobNormalizer.DESCRIPTION_MAX / 5);
        JsonNode report = report(pushXml("<source>" + job(title, "Firma", "Bonn", "")
                .replaceAll("<description>.*</description>", "<description><![CDATA[" + tooLong + "]]></description>") + "</source>"));
        assertThat(report.path("rejected").size()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("rejected").get(0).path("reason").asString()).contains("höchstens");
        // The limit is a number in the message ({0,number,#}): the newsroom's report page failed with 500 on it.
        HttpResponse<String> page = de.depesche.support.StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD)
                .get("/admin/jobs/reports/" + report.path("id").asLong());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(org.jsoup.Jsoup.parse(page.body()).select("tr.rejection").text()).contains(title, "Die Beschreibung ist zu lang (höchstens");
    }

    @Test
    void scriptsInDescriptionsNeverReachReaders() {
        String title = unique("Stelle mit Skript");
        String xml = "<source><job><title>" + title + "</title><company>Firma</company><city>Mainz</city>"
                + "<url>https://jobs.example.org/x</url><description><![CDATA[<p onmouseover=\"steal()\">Gute Arbeit</p>"
                + "<script>alert('x')</script><iframe src=\"https://evil.example\"></iframe><img src=\"https://tracker.example/t.gif\">]]>"
                + "</description></job></source>";
        assertThat(report(pushXml(xml)).path("new").asInt()).isEqualTo(1);
        Document board = Jsoup.parse(get("/jobs?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8)).body());
        String page = get(board.select(".job-item h2 a").attr("href")).body();
        Document doc = Jsoup.parse(page);
        assertThat(doc.select(".body").text()).contains("Gute Arbeit");
        assertThat(doc.select(".body script, .body iframe, .body img, .body [onmouseover]")).isEmpty();
        assertThat(page).doesNotContain("alert('x')", "tracker.example", "evil.example");
    }

    @Test
    void xxeNeverReadsLocalFiles() {
        HttpResponse<String> response = pushXml("""
                <?xml version="1.0"?>
                <!DOCTYPE source [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <source><job><title>&xxe;</title><company>X</company><city>Berlin</city></job></source>
                """);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
        assertThat(report(response).path("error").asString()).contains("DOCTYPE");
        assertThat(report(response).path("new").asInt()).isZero();
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>"
                + "<source><job><title>&f;&f;&f;&f;&f;&f;&f;&f;&f;</title></job></source>";
        HttpResponse<String> response = pushXml(bomb);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(report(response).path("error").asString()).isNotBlank();
    }

    @Test
    void aHundredMegabyteBodyIsRefusedWithoutBeingRead() throws Exception {
        long hundredMegabytes = 100L * 1024 * 1024;
        JobFeedParserTest.CountingEndlessFeed endless = new JobFeedParserTest.CountingEndlessFeed(hundredMegabytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import")))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "application/xml")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> endless), hundredMegabytes))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("error").asString()).contains("zu groß");
        assertThat(endless.served).isLessThan(hundredMegabytes / 2);
    }

    @Test
    void aStreamedBodyBeyondTheLimitIsCutOff() throws Exception {
        long size = 24L * 1024 * 1024;
        // One endless title: no entry is ever complete, so only the byte limit can stop it.
        java.io.InputStream endless = new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream("<source><job><title>".getBytes(StandardCharsets.UTF_8)),
                new java.io.InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'a' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                        left -= n;
                        return n;
                    }
                });
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import")))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("new").asInt()).isZero();
    }

    @Test
    void bytesInTheWrongEncodingGetAClearError() {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><source>" + job("Kölner Büro", "Firma", "Köln", "")
                + "</source>").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = push("application/xml", latin1);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(report(response).path("error").asString()).contains("Zeichenkodierung");

        String title = unique("Kölner Büro");
        byte[] declared = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><source>" + job(title, "Firma", "Köln", "")
                + "</source>").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(report(push("application/xml", declared)).path("new").asInt()).isEqualTo(1);
        byte[] byHeader = ("<source>" + job(unique("Düsseldorfer Stelle"), "Firma", "Düsseldorf", "") + "</source>")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(report(push("application/xml; charset=ISO-8859-1", byHeader)).path("new").asInt()).isEqualTo(1);
    }

    @Test
    void malformedFeedsAreRefusedWithTheirReason() {
        assertThat(report(pushXml("<source><job><title>Offen")).path("error").asString()).contains("kein gültiges XML");
        assertThat(report(push("application/json", "{\"@type\": ".getBytes(StandardCharsets.UTF_8))).path("error").asString())
                .contains("kein gültiges JSON");
        HttpResponse<String> empty = push("application/xml", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(report(empty).path("error").asString()).isNotBlank();
    }

    @Test
    void importsNeedAnEditorOrAdminToken() {
        StaffMember author = data.staff(Role.AUTHOR);
        String token = accounts.issueApiToken(author.id(), "Test").secret();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<source/>")).build());
        assertThat(response.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/api/v1/jobs/import")))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<source/>")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void currentJobsAreReadableWithoutAToken() {
        String title = unique("Öffentliche Stelle");
        report(pushXml("<source>" + job(title, "Firma", "Erfurt", "") + "</source>"));
        HttpResponse<String> response = get("/api/v1/jobs?size=100");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("items").get(0).path("title").asString()).isEqualTo(title);
    }
}
