package de.depesche.moderation.assistant;

/**
 * The article a comment is written under, as far as the assistant needs it.
 *
 * @param title the headline
 * @param text  lead and body as plain text (Markdown is fine); may be empty when only the title is known
 */
public record ArticleContext(String title, String text) {

    public ArticleContext {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }
}
