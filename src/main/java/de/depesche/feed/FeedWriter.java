package de.depesche.feed;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a {@link FeedContent} as RSS 2.0 or Atom 1.0 (through Rome) or JSON Feed 1.1 (through Jackson).
 * The output depends only on the content, the site's address and language and the hub setting, so
 * the same feed gives the same bytes (and ETag) on every node.
 */
class FeedWriter {

    static final String JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    /** Characters XML 1.0 cannot carry at all; they are dropped rather than failing the whole feed. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");
    /** A path on this site in an attribute of sanitised HTML (which always uses double quotes). */
    private static final Pattern SITE_PATH_ATTRIBUTE = Pattern.compile("(\\s(?:href|src)=\")/(?!/)");

    /**
     * @param baseUrl  the site's public address without a trailing slash
     * @param language the feed language, e.g. {@code de}
     * @param hub      the WebSub hub feeds name, or null
     * @param author   who stands for the feed as a whole (Atom needs an author): the site's name
     */
    record Site(String baseUrl, String language, @Nullable String hub, String author) {}

    private final ObjectMapper json;

    FeedWriter(ObjectMapper json) {
        this.json = json;
    }

    byte[] write(FeedContent feed, FeedFormat format, Site site) {
        return switch (format) {
            case RSS -> xml(rss(feed, site));
            case ATOM -> xml(atom(feed, site));
            case JSON -> jsonFeed(feed, site);
        };
    }

    // --- RSS 2.0 -----------------------------------------------------------------------------------

    private Channel rss(FeedContent feed, Site site) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(text(feed.title()));
        channel.setLink(absolute(feed.homePath(), site));
        channel.setDescription(text(feed.description().isBlank() ? feed.title() : feed.description()));
        channel.setLanguage(site.language());
        channel.setLastBuildDate(date(feed.lastChange()));
        channel.setGenerator("Depesche");
        List<Element> links = new ArrayList<>();
        links.add(atomLink("self", absolute(FeedFormat.RSS.path(feed.selfPath()), site), FeedFormat.RSS.mediaType()));
        if (site.hub() != null) {
            links.add(atomLink("hub", site.hub(), null));
        }
        channel.setForeignMarkup(links);
        List<Item> items = new ArrayList<>();
        for (FeedEntry e : feed.entries()) {
            Item item = new Item();
            item.setTitle(text(e.title()));
            item.setLink(absolute(e.url(), site));
            Guid guid = new Guid();
            guid.setValue(text(e.id()));
            guid.setPermaLink(false);
            item.setGuid(guid);
            item.setPubDate(date(e.published()));
            // RSS readers show <description> as HTML: a plain-text summary is escaped once more for that.
            Description description = new Description();
            description.setValue(e.summary() != null ? text(HtmlUtils.htmlEscape(e.summary(), "UTF-8"))
                    : html(e.html(), site));
            item.setDescription(description);
            if (e.html() != null && e.summary() != null) {
                Content content = new Content();
                content.setType(Content.HTML);
                content.setValue(html(e.html(), site));
                item.setContent(content);
            }
            if (e.author() != null) {
                // <author> in RSS 2.0 must be an e-mail address; Dublin Core carries a name.
                DCModuleImpl dc = new DCModuleImpl();
                dc.setCreator(text(e.author()));
                item.getModules().add(dc);
            }
            items.add(item);
        }
        channel.setItems(items);
        return channel;
    }

    private static Element atomLink(String rel, String href, @Nullable String type) {
        Element link = new Element("link", ATOM);
        link.setAttribute("rel", rel);
        link.setAttribute("href", href);
        if (type != null) {
            link.setAttribute("type", type);
        }
        return link;
    }

    // --- Atom 1.0 ----------------------------------------------------------------------------------

    private Feed atom(FeedContent feed, Site site) {
        Feed atom = new Feed("atom_1.0");
        String self = absolute(FeedFormat.ATOM.path(feed.selfPath()), site);
        atom.setId(self);
        atom.setTitleEx(plain(feed.title()));
        if (!feed.description().isBlank()) {
            atom.setSubtitle(plain(feed.description()));
        }
        atom.setUpdated(date(feed.lastChange()));
        atom.setLanguage(site.language());
        atom.setIcon(site.baseUrl() + "/img/apple-touch-icon.png");
        com.rometools.rome.feed.atom.Generator generator = new com.rometools.rome.feed.atom.Generator();
        generator.setValue("Depesche");
        atom.setGenerator(generator);
        atom.setAlternateLinks(List.of(link("alternate", absolute(feed.homePath(), site), "text/html")));
        List<Link> other = new ArrayList<>();
        other.add(link("self", self, FeedFormat.ATOM.mediaType()));
        if (site.hub() != null) {
            other.add(link("hub", site.hub(), null));
        }
        atom.setOtherLinks(other);
        atom.setAuthors(List.of(person(site.author())));
        List<Entry> entries = new ArrayList<>();
        for (FeedEntry e : feed.entries()) {
            Entry entry = new Entry();
            entry.setId(text(e.id()));
            entry.setTitleEx(plain(e.title()));
            entry.setAlternateLinks(List.of(link("alternate", absolute(e.url(), site), "text/html")));
            entry.setPublished(date(e.published()));
            entry.setUpdated(date(e.lastChange()));
            if (e.author() != null) {
                entry.setAuthors(List.of(person(e.author())));
            }
            if (e.summary() != null) {
                entry.setSummary(plain(e.summary()));
            }
            if (e.html() != null) {
                com.rometools.rome.feed.atom.Content content = new com.rometools.rome.feed.atom.Content();
                content.setType(com.rometools.rome.feed.atom.Content.HTML);
                content.setValue(html(e.html(), site));
                entry.setContents(List.of(content));
            }
            entries.add(entry);
        }
        atom.setEntries(entries);
        return atom;
    }

    private static com.rometools.rome.feed.atom.Content plain(String value) {
        com.rometools.rome.feed.atom.Content content = new com.rometools.rome.feed.atom.Content();
        content.setType(com.rometools.rome.feed.atom.Content.TEXT);
        content.setValue(text(value));
        return content;
    }

    private static Link link(String rel, String href, @Nullable String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        if (type != null) {
            link.setType(type);
        }
        return link;
    }

    private static Person person(String name) {
        Person person = new Person();
        person.setName(text(name));
        return person;
    }

    // --- JSON Feed 1.1 -----------------------------------------------------------------------------

    private byte[] jsonFeed(FeedContent feed, Site site) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", JSON_FEED_VERSION);
        root.put("title", text(feed.title()));
        root.put("home_page_url", absolute(feed.homePath(), site));
        root.put("feed_url", absolute(FeedFormat.JSON.path(feed.selfPath()), site));
        if (!feed.description().isBlank()) {
            root.put("description", text(feed.description()));
        }
        root.put("favicon", site.baseUrl() + "/img/apple-touch-icon.png");
        root.put("authors", List.of(Map.of("name", text(site.author()))));
        root.put("language", site.language());
        if (site.hub() != null) {
            root.put("hubs", List.of(Map.of("type", "WebSub", "url", site.hub())));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (FeedEntry e : feed.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", text(e.id()));
            item.put("url", absolute(e.url(), site));
            item.put("title", text(e.title()));
            if (e.html() != null) {
                item.put("content_html", html(e.html(), site));
            } else {
                item.put("content_text", text(java.util.Objects.requireNonNull(e.summary())));
            }
            if (e.summary() != null) {
                item.put("summary", text(e.summary()));
            }
            item.put("date_published", rfc3339(e.published()));
            if (e.updated() != null) {
                item.put("date_modified", rfc3339(e.lastChange()));
            }
            if (e.author() != null) {
                item.put("authors", List.of(Map.of("name", text(e.author()))));
            }
            items.add(item);
        }
        root.put("items", items);
        return json.writeValueAsBytes(root);
    }

    // --- shared ------------------------------------------------------------------------------------

    private static byte[] xml(WireFeed feed) {
        try {
            // Raw format: pretty printing would trim or collapse whitespace inside texts (code blocks).
            XMLOutputter out = new XMLOutputter(Format.getRawFormat().setEncoding("UTF-8"));
            StringWriter writer = new StringWriter();
            org.jdom2.Document document = new WireFeedOutput().outputJDom(feed);
            if (feed instanceof Channel) {
                // Declared once on <rss> rather than on every atom:link.
                document.getRootElement().addNamespaceDeclaration(ATOM);
            }
            out.output(document, writer);
            return writer.toString().getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("feed cannot be written: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address in a feed: paths on this site become absolute, everything else stays as it is. */
    static String absolute(String pathOrUrl, Site site) {
        return pathOrUrl.startsWith("/") && !pathOrUrl.startsWith("//") ? site.baseUrl() + pathOrUrl : pathOrUrl;
    }

    /** HTML for a feed reader, which has no base address: links and images on this site become absolute. */
    static String html(@Nullable String html, Site site) {
        if (html == null) {
            return "";
        }
        return text(SITE_PATH_ATTRIBUTE.matcher(html).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(site.baseUrl()) + "/"));
    }

    static String text(String value) {
        return NOT_XML.matcher(value).replaceAll("");
    }

    private static Date date(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
