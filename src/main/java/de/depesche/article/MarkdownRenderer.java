package de.depesche.article;

import de.depesche.site.SafeMarkdown;
import org.springframework.stereotype.Component;

/**
 * Article bodies from Markdown to HTML that is safe to show; the same rules as every text staff write
 * ({@link SafeMarkdown}): no scripts, no event handlers, no {@code javascript:} links.
 */
@Component
public class MarkdownRenderer {

    public String render(String markdown) {
        return SafeMarkdown.render(markdown);
    }

    /** Cleans HTML from any source with the same allow-list as rendered Markdown. */
    public static String sanitize(String html) {
        return SafeMarkdown.sanitize(html);
    }
}
