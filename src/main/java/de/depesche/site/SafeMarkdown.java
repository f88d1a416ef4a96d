package de.depesche.site;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown to HTML that is safe to show, for every text staff write (article bodies, legal texts):
 * commonmark renders, then an allow-list sanitiser keeps only text formatting, links (http, https,
 * mailto, site paths) and images from this site's media. Scripts, event handlers, styles, frames and
 * {@code javascript:} links never get through.
 */
public final class SafeMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "s", "del", "sup", "sub",
                    "blockquote", "ul", "ol", "li", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
                    "figure", "figcaption", "abbr", "cite", "q", "dl", "dt", "dd", "mark", "small", "kbd", "a", "img")
            // The page title is the only h1; headings in the text start one level below.
            .allowElements((name, attrs) -> "h2", "h1")
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").onElements("a", "abbr", "img")
            .allowStandardUrlProtocols()
            .requireRelsOnLinks("noopener")
            .allowAttributes("src").matching(Pattern.compile("/media/[0-9]+/[0-9]+\\.jpg")).onElements("img")
            // An image whose address was refused is dropped entirely rather than left as an empty box.
            .allowElements((name, attrs) -> attrs.contains("src") ? name : null, "img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,4}")).onElements("ol")
            .allowAttributes("align").matching(Pattern.compile("left|right|center")).onElements("th", "td")
            .allowAttributes("class").matching(Pattern.compile("language-[a-zA-Z0-9+#-]{1,30}")).onElements("code")
            .toFactory();

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true).build();

    private SafeMarkdown() {}

    public static String render(String markdown) {
        return sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** Cleans HTML from any source with the same allow-list as rendered Markdown. */
    public static String sanitize(String html) {
        return POLICY.sanitize(html);
    }
}
