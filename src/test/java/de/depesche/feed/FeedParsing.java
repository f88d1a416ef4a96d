package de.depesche.feed;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads feeds the strict way: the bytes must be well-formed XML 1.0 in UTF-8 without a DTD, Rome must
 * read them without its XML healer, and what RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1 require
 * must be there, with absolute links.
 */
public final class FeedParsing {

    public static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedParsing() {}

    /** The well-formed XML document, parsed by the JDK's own parser with DTDs refused. */
    public static Document xml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            return builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + body, e);
        }
    }

    public static WireFeed rome(String body) {
        Document document = xml(body);
        try {
            WireFeedInput input = new WireFeedInput();
            input.setXmlHealerOn(false);
            input.setAllowDoctypes(false);
            return input.build(document);
        } catch (Exception e) {
            throw new AssertionError("Rome refused the feed: " + e.getMessage() + "\n" + body, e);
        }
    }

    public static Channel rss(String body) {
        WireFeed feed = rome(body);
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        Channel channel = (Channel) feed;
        assertThat(channel.getTitle()).isNotBlank();
        assertThat(channel.getDescription()).isNotBlank();
        assertAbsolute(channel.getLink());
        assertThat(channel.getLanguage()).isNotBlank();
        for (Item item : channel.getItems()) {
            assertThat(item.getTitle()).isNotBlank();
            assertAbsolute(item.getLink());
            assertThat(item.getGuid()).isNotNull();
            assertThat(item.getGuid().getValue()).startsWith("tag:");
            assertThat(item.getPubDate()).isNotNull();
            assertThat(item.getDescription()).isNotNull();
        }
        // rel="self" (and the atom namespace it needs) as feed validators expect.
        Element self = atomLinks(xml(body)).stream().filter(l -> l.getAttribute("rel").equals("self")).findFirst().orElseThrow();
        assertAbsolute(self.getAttribute("href"));
        assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
        return channel;
    }

    public static Feed atom(String body) {
        WireFeed wire = rome(body);
        assertThat(wire.getFeedType()).isEqualTo("atom_1.0");
        Feed feed = (Feed) wire;
        assertThat(feed.getId()).isNotBlank();
        assertThat(feed.getTitle()).isNotBlank();
        assertThat(feed.getUpdated()).isNotNull();
        assertThat(feed.getAuthors()).isNotEmpty();
        Link self = feed.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).findFirst().orElseThrow();
        assertAbsolute(self.getHref());
        assertThat(self.getType()).isEqualTo("application/atom+xml");
        assertThat(feed.getAlternateLinks()).hasSize(1);
        assertAbsolute(feed.getAlternateLinks().getFirst().getHref());
        for (Entry entry : feed.getEntries()) {
            assertThat(entry.getId()).isNotBlank();
            assertThat(entry.getTitle()).isNotBlank();
            assertThat(entry.getUpdated()).isNotNull();
            assertThat(entry.getAlternateLinks()).hasSize(1);
            assertAbsolute(entry.getAlternateLinks().getFirst().getHref());
            // RFC 4287: an entry without content must have a summary (and an alternate link).
            assertThat(!entry.getContents().isEmpty() || entry.getSummary() != null).isTrue();
        }
        return feed;
    }

    /** A JSON Feed 1.1, checked against what the specification requires. */
    public static JsonNode jsonFeed(String body) {
        JsonNode feed = JSON.readTree(body);
        assertThat(feed.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asString()).isNotBlank();
        assertAbsolute(feed.path("home_page_url").asString());
        assertAbsolute(feed.path("feed_url").asString());
        assertThat(feed.path("items").isArray()).isTrue();
        for (JsonNode item : feed.path("items")) {
            assertThat(item.path("id").isString()).as("item id is a string").isTrue();
            assertThat(item.path("id").asString()).isNotBlank();
            assertThat(item.has("content_html") || item.has("content_text")).as("item has content").isTrue();
            assertAbsolute(item.path("url").asString());
            OffsetDateTime.parse(item.path("date_published").asString());
            if (item.has("date_modified")) {
                OffsetDateTime.parse(item.path("date_modified").asString());
            }
            for (JsonNode author : item.path("authors")) {
                assertThat(author.path("name").asString()).isNotBlank();
            }
        }
        return feed;
    }

    public static List<Element> atomLinks(Document document) {
        NodeList nodes = document.getElementsByTagNameNS(ATOM_NS, "link");
        List<Element> links = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            links.add((Element) nodes.item(i));
        }
        return links;
    }

    public static List<String> jsonTitles(JsonNode feed) {
        List<String> titles = new ArrayList<>();
        feed.path("items").forEach(i -> titles.add(i.path("title").asString()));
        return titles;
    }

    public static void assertAbsolute(String url) {
        assertThat(url).as("absolute URL").matches("https?://[^/]+/.*");
    }
}
