package de.depesche.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any {@link FeedContent}, as other modules contribute it, written in the three formats. */
class FeedWriterTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T07:15:30.123Z");
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final FeedWriter.Site SITE = new FeedWriter.Site("https://news.example", "de", null, "Die Depesche");
    private static final FeedWriter.Site WITH_HUB = new FeedWriter.Site("https://news.example", "de",
            "https://hub.example/", "Die Depesche");

    private final FeedWriter writer = new FeedWriter(new ObjectMapper());

    private static final String HTML = "<p>Grüße aus <b>Köln</b> &amp; Düsseldorf: a &lt; b, ]]&gt; bleibt</p>"
            + "<p><img src=\"/media/7/960.jpg\" alt=\"Dom\"> <a href=\"/kategorie/politik\" rel=\"noopener\">Politik</a>"
            + " <a href=\"//elsewhere.example/x\">fremd</a></p>";

    private static FeedContent feed(FeedEntry... entries) {
        return new FeedContent("Mein Abo: Sicherheitspolitik & Ähnliches", "Persönlicher Feed für Straßenbahn-Fans",
                "/feed/abo/Ab_c-9", "/abo/verwalten", null, List.of(entries), Set.of());
    }

    private static FeedEntry full() {
        return new FeedEntry("tag:news.example,2026:artikel/1", "/nato-gipfel", "NATO-Gipfel: Größere Budgets <jetzt>",
                HTML, "Ein Vorspann mit <spitzen Klammern> & Ümläuten", MORNING, NOON, "Jürgen Öztürk");
    }

    private static FeedEntry summaryOnly() {
        return new FeedEntry("tag:news.example,2026:artikel/2", "https://other.example/beitrag", "Nur ein Anriss",
                null, "Kurz und bündig.", Instant.parse("2026-03-01T09:00:00Z"), null, null);
    }

    private String write(FeedContent feed, FeedFormat format, FeedWriter.Site site) {
        return new String(writer.write(feed, format, site), StandardCharsets.UTF_8);
    }

    @Test
    void rssCarriesTheFullHtmlExactlyAndTheSummaryAsEscapedText() {
        String xml = write(feed(full(), summaryOnly()), FeedFormat.RSS, SITE);
        Channel channel = FeedParsing.rss(xml);

        assertThat(channel.getTitle()).isEqualTo("Mein Abo: Sicherheitspolitik & Ähnliches");
        assertThat(channel.getLink()).isEqualTo("https://news.example/abo/verwalten");
        assertThat(channel.getLanguage()).isEqualTo("de");
        assertThat(channel.getItems()).extracting(Item::getTitle)
                .containsExactly("NATO-Gipfel: Größere Budgets <jetzt>", "Nur ein Anriss");
        Item first = channel.getItems().getFirst();
        assertThat(first.getLink()).isEqualTo("https://news.example/nato-gipfel");
        assertThat(first.getGuid().isPermaLink()).isFalse();
        assertThat(first.getGuid().getValue()).isEqualTo("tag:news.example,2026:artikel/1");
        assertThat(first.getPubDate().toInstant()).isEqualTo(Instant.parse("2026-03-02T07:15:30Z"));
        // Readers render <description> as HTML: the plain-text summary arrives as escaped HTML.
        assertThat(first.getDescription().getValue()).isEqualTo("Ein Vorspann mit &lt;spitzen Klammern&gt; &amp; Ümläuten");
        assertThat(first.getContent().getValue()).isEqualTo(HTML
                .replace("src=\"/media/", "src=\"https://news.example/media/")
                .replace("href=\"/kategorie/", "href=\"https://news.example/kategorie/"));
        assertThat(first.getContent().getValue()).contains("href=\"//elsewhere.example/x\"");
        // The author's name goes into dc:creator: RSS's own <author> must be an e-mail address.
        assertThat(xml).contains("<dc:creator>Jürgen Öztürk</dc:creator>").doesNotContain("<author>");
        Item second = channel.getItems().get(1);
        assertThat(second.getContent()).isNull();
        assertThat(second.getLink()).isEqualTo("https://other.example/beitrag");
        assertThat(xml).contains("<atom:link rel=\"self\" href=\"https://news.example/feed/abo/Ab_c-9\"");
        assertThat(xml).doesNotContain("rel=\"hub\"");
    }

    @Test
    void atomSeparatesPlainTextSummaryFromHtmlContent() {
        String xml = write(feed(full(), summaryOnly()), FeedFormat.ATOM, SITE);
        Feed feed = FeedParsing.atom(xml);

        assertThat(feed.getId()).isEqualTo("https://news.example/feed/abo/Ab_c-9/atom");
        assertThat(feed.getTitleEx().getValue()).isEqualTo("Mein Abo: Sicherheitspolitik & Ähnliches");
        assertThat(feed.getAuthors().getFirst().getName()).isEqualTo("Die Depesche");
        // The feed's date is its newest change.
        assertThat(feed.getUpdated().toInstant()).isEqualTo(NOON);
        Entry first = feed.getEntries().getFirst();
        assertThat(first.getTitleEx().getType()).isEqualTo("text");
        assertThat(first.getTitleEx().getValue()).isEqualTo("NATO-Gipfel: Größere Budgets <jetzt>");
        assertThat(first.getSummary().getType()).isEqualTo("text");
        assertThat(first.getSummary().getValue()).isEqualTo("Ein Vorspann mit <spitzen Klammern> & Ümläuten");
        assertThat(first.getContents().getFirst().getType()).isEqualTo("html");
        assertThat(first.getContents().getFirst().getValue()).contains("<b>Köln</b> &amp; Düsseldorf: a &lt; b, ]]&gt; bleibt")
                .contains("src=\"https://news.example/media/7/960.jpg\"");
        assertThat(first.getPublished().toInstant()).isEqualTo(Instant.parse("2026-03-02T07:15:30Z"));
        assertThat(first.getUpdated().toInstant()).isEqualTo(NOON);
        assertThat(first.getAuthors().getFirst().getName()).isEqualTo("Jürgen Öztürk");
        Entry second = feed.getEntries().get(1);
        assertThat(second.getContents()).isEmpty();
        assertThat(second.getUpdated().toInstant()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void jsonFeedHasWhatTheSpecificationRequires() {
        JsonNode feed = FeedParsing.jsonFeed(write(feed(full(), summaryOnly()), FeedFormat.JSON, SITE));

        assertThat(feed.path("feed_url").asString()).isEqualTo("https://news.example/feed/abo/Ab_c-9.json");
        assertThat(feed.path("home_page_url").asString()).isEqualTo("https://news.example/abo/verwalten");
        assertThat(feed.path("language").asString()).isEqualTo("de");
        assertThat(feed.has("hubs")).isFalse();
        JsonNode first = feed.path("items").get(0);
        assertThat(first.path("id").asString()).isEqualTo("tag:news.example,2026:artikel/1");
        assertThat(first.path("title").asString()).isEqualTo("NATO-Gipfel: Größere Budgets <jetzt>");
        assertThat(first.path("content_html").asString()).contains("<b>Köln</b>").contains("https://news.example/media/7/960.jpg");
        assertThat(first.path("summary").asString()).isEqualTo("Ein Vorspann mit <spitzen Klammern> & Ümläuten");
        assertThat(first.path("date_published").asString()).isEqualTo("2026-03-02T07:15:30Z");
        assertThat(first.path("date_modified").asString()).isEqualTo("2026-03-02T12:00:00Z");
        assertThat(first.path("authors").get(0).path("name").asString()).isEqualTo("Jürgen Öztürk");
        JsonNode second = feed.path("items").get(1);
        assertThat(second.has("content_html")).isFalse();
        assertThat(second.path("content_text").asString()).isEqualTo("Kurz und bündig.");
        assertThat(second.has("date_modified")).isFalse();
    }

    @Test
    void feedsNameTheHubAndThemselvesWhenAHubIsConfigured() {
        String rss = write(feed(full()), FeedFormat.RSS, WITH_HUB);
        assertThat(FeedParsing.atomLinks(FeedParsing.xml(rss))).anySatisfy(l -> {
            assertThat(l.getAttribute("rel")).isEqualTo("hub");
            assertThat(l.getAttribute("href")).isEqualTo("https://hub.example/");
        });
        Feed atom = FeedParsing.atom(write(feed(full()), FeedFormat.ATOM, WITH_HUB));
        assertThat(atom.getOtherLinks()).anySatisfy(l -> {
            assertThat(l.getRel()).isEqualTo("hub");
            assertThat(l.getHref()).isEqualTo("https://hub.example/");
        });
        JsonNode json = FeedParsing.jsonFeed(write(feed(full()), FeedFormat.JSON, WITH_HUB));
        assertThat(json.path("hubs").get(0).path("type").asString()).isEqualTo("WebSub");
        assertThat(json.path("hubs").get(0).path("url").asString()).isEqualTo("https://hub.example/");
    }

    @Test
    void anEmptyFeedIsStillAValidFeed() {
        FeedContent empty = feed();
        assertThat(FeedParsing.rss(write(empty, FeedFormat.RSS, SITE)).getItems()).isEmpty();
        Feed atom = FeedParsing.atom(write(empty, FeedFormat.ATOM, SITE));
        assertThat(atom.getEntries()).isEmpty();
        assertThat(atom.getUpdated()).isNotNull();
        assertThat(FeedParsing.jsonFeed(write(empty, FeedFormat.JSON, SITE)).path("items")).isEmpty();
    }

    @Test
    void charactersXmlCannotCarryAreDroppedInsteadOfBreakingTheFeed() {
        String broken = "Steuer\u0001zeichen\uFFFE und ein halbes \uD83D Emoji, ganze 😀 bleiben";
        FeedEntry entry = new FeedEntry("tag:x,2026:1", "/x", broken, "<p>" + broken + "</p>", broken, MORNING, null, broken);
        FeedContent feed = new FeedContent(broken, broken, "/feed/test/x", "/", null, List.of(entry), Set.of());
        String expected = "Steuerzeichen und ein halbes  Emoji, ganze 😀 bleiben";

        assertThat(FeedParsing.rss(write(feed, FeedFormat.RSS, SITE)).getItems().getFirst().getTitle()).isEqualTo(expected);
        assertThat(FeedParsing.atom(write(feed, FeedFormat.ATOM, SITE)).getEntries().getFirst().getTitle()).isEqualTo(expected);
        assertThat(FeedParsing.jsonFeed(write(feed, FeedFormat.JSON, SITE)).path("items").get(0).path("title").asString())
                .isEqualTo(expected);
    }

    @Test
    void theSameFeedGivesTheSameBytesSoEveryNodeSendsTheSameETag() {
        FeedContent feed = feed(full(), summaryOnly());
        for (FeedFormat format : FeedFormat.values()) {
            assertThat(writer.write(feed, format, SITE)).isEqualTo(writer.write(feed, format, SITE));
        }
    }

    @Test
    void contributedContentMustBeComplete() {
        assertThatThrownBy(() -> new FeedEntry("tag:x,2026:1", "/x", "Titel", null, null, MORNING, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedEntry(" ", "/x", "Titel", "<p>x</p>", null, MORNING, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedContent("T", "D", "feed/abo/x", "/", null, List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsShareOneAddressWithSuffixes() {
        assertThat(FeedFormat.RSS.path("/kategorie/politik/feed")).isEqualTo("/kategorie/politik/feed");
        assertThat(FeedFormat.ATOM.path("/kategorie/politik/feed")).isEqualTo("/kategorie/politik/feed/atom");
        assertThat(FeedFormat.JSON.path("/kategorie/politik/feed")).isEqualTo("/kategorie/politik/feed.json");
    }
}
