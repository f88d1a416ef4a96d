package de.depesche.discovery;

import java.time.LocalDate;
import java.util.List;

import de.depesche.article.Article;
import de.depesche.job.EmploymentType;
import de.depesche.job.JobDraft;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reader page type carries the structured data Google requires for it: NewsArticle,
 * BreadcrumbList, Organization (NewsMediaOrganization) and JobPosting.
 */
class StructuredDataAuditTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;

    @Autowired
    JobListings jobs;

    private List<JsonNode> structuredData(String path) {
        var response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body()).select("script[type=application/ld+json]").stream()
                .map(s -> json.readTree(s.data())).toList();
    }

    private static JsonNode ofType(List<JsonNode> nodes, String type, String path) {
        return nodes.stream().filter(n -> n.path("@type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no " + type + " but " + nodes));
    }

    @Test
    void everyPageTypeHasWhatGoogleRequires() {
        data.category("Technik");
        Article article = data.published(unique("Strukturierte Daten"), "HAMBURG", "Text.", "technik");
        data.published(unique("Zweiter Artikel zum Thema"));
        JobListing job = jobs.create(new JobDraft(unique("Redakteur Daten"), "Depesche Verlag", List.of("Hamburg"), false,
                EmploymentType.FULL_TIME, "<p>Aufgaben</p>", "https://jobs.example.org/daten", null, LocalDate.now().plusDays(20)),
                data.admin());
        JobListing remote = jobs.create(new JobDraft(unique("Remote-Redakteur"), "Depesche Verlag", List.of(), true,
                EmploymentType.CONTRACTOR, "<p>Von überall</p>", "https://jobs.example.org/remote", null, null), data.admin());

        organization(ofType(structuredData("/"), "NewsMediaOrganization", "/"));

        List<JsonNode> onArticle = structuredData(article.path());
        newsArticle(ofType(onArticle, "NewsArticle", article.path()));
        breadcrumbs(ofType(onArticle, "BreadcrumbList", article.path()), 3);

        for (String path : List.of("/kategorie/technik", "/tag/testthema", "/autor/administration", "/jobs")) {
            breadcrumbs(ofType(structuredData(path), "BreadcrumbList", path), 2);
        }

        List<JsonNode> onJob = structuredData(job.path());
        jobPosting(ofType(onJob, "JobPosting", job.path()));
        breadcrumbs(ofType(onJob, "BreadcrumbList", job.path()), 3);
        JobListing twoPlaces = jobs.create(new JobDraft(unique("Redakteur an zwei Orten"), "Depesche Verlag",
                List.of("Hamburg", "Kiel"), false, EmploymentType.FULL_TIME, "<p>Zwei Büros</p>",
                "https://jobs.example.org/zwei", null, LocalDate.now().plusDays(20)), data.admin());
        JsonNode both = ofType(structuredData(twoPlaces.path()), "JobPosting", twoPlaces.path());
        jobPosting(both);
        assertThat(both.path("jobLocation").isArray()).isTrue();
        assertThat(both.path("jobLocation").valueStream().map(l -> l.path("address").path("addressLocality").asString()).toList())
                .containsExactly("Hamburg", "Kiel");
        JsonNode remotePosting = ofType(structuredData(remote.path()), "JobPosting", remote.path());
        jobPosting(remotePosting);
        assertThat(remotePosting.path("jobLocationType").asString()).isEqualTo("TELECOMMUTE");
        assertThat(remotePosting.path("applicantLocationRequirements").path("name").asString()).isNotBlank();
    }

    private static void organization(JsonNode org) {
        assertThat(org.path("name").asString()).isNotBlank();
        assertThat(org.path("url").asString()).startsWith("http");
        assertThat(org.path("logo").path("url").asString()).startsWith("http").endsWith(".png");
    }

    private static void newsArticle(JsonNode a) {
        assertThat(a.path("headline").asString()).isNotBlank().hasSizeLessThanOrEqualTo(110);
        assertThat(a.path("image").isArray() ? a.path("image").get(0).asString() : a.path("image").asString()).startsWith("http");
        assertThat(a.path("datePublished").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        assertThat(a.path("dateModified").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        JsonNode author = a.path("author").isArray() ? a.path("author").get(0) : a.path("author");
        assertThat(author.path("name").asString()).isNotBlank();
        assertThat(author.path("url").asString()).startsWith("http");
        organization(a.path("publisher"));
    }

    private static void breadcrumbs(JsonNode list, int minItems) {
        JsonNode items = list.path("itemListElement");
        assertThat(items.size()).isGreaterThanOrEqualTo(minItems);
        for (int i = 0; i < items.size(); i++) {
            assertThat(items.get(i).path("position").asInt()).isEqualTo(i + 1);
            assertThat(items.get(i).path("name").asString()).isNotBlank();
            assertThat(items.get(i).path("item").asString()).startsWith("http");
        }
    }

    private static void jobPosting(JsonNode p) {
        assertThat(p.path("title").asString()).isNotBlank();
        assertThat(p.path("description").asString()).isNotBlank();
        assertThat(p.path("datePosted").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(p.path("validThrough").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        assertThat(p.path("hiringOrganization").path("name").asString()).isNotBlank();
        assertThat(p.path("employmentType").asString()).isIn("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN",
                "VOLUNTEER", "PER_DIEM", "OTHER");
        JsonNode location = p.path("jobLocation");
        List<JsonNode> places = location.isArray() ? location.valueStream().toList()
                : location.isMissingNode() ? List.of() : List.of(location);
        boolean remote = p.path("jobLocationType").asString().equals("TELECOMMUTE")
                && !p.path("applicantLocationRequirements").isMissingNode();
        assertThat(!places.isEmpty() || remote).as("jobLocation or TELECOMMUTE with applicantLocationRequirements: " + p).isTrue();
        for (JsonNode place : places) {
            // Google requires a locality (or street, region, postal code) and the country of every place.
            assertThat(place.path("@type").asString()).isEqualTo("Place");
            assertThat(place.path("address").path("addressLocality").asString()).as("addressLocality in " + p).isNotBlank();
            assertThat(place.path("address").path("addressCountry").asString()).as("addressCountry in " + p).isNotBlank();
        }
    }
}
