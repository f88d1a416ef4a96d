package de.depesche.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void rendersTheMarkdownAuthorsWrite() {
        String html = renderer.render("""
                Erster **fetter** und *kursiver* Absatz mit [Link](https://example.org/a).

                ## Zwischenüberschrift

                > Ein Zitat

                - eins
                - zwei

                | A | B |
                |---|---|
                | 1 | 2 |
                """);
        assertThat(html)
                .contains("<strong>fetter</strong>", "<em>kursiver</em>")
                .contains("<a href=\"https://example.org/a\" rel=\"noopener\">Link</a>")
                .contains("<h2>Zwischenüberschrift</h2>", "<blockquote>", "<li>eins</li>", "<table>", "<td>1</td>");
    }

    @Test
    void removesScriptsEventHandlersStylesAndFrames() {
        String html = renderer.render("""
                Text <script>alert('x')</script> weiter.

                <img src="/media/1/480.jpg" onerror="alert(1)" alt="Bild">

                <p style="color:red" onclick="steal()">Absatz</p>

                <iframe src="https://evil.example"></iframe><style>body{}</style>
                """);
        assertThat(html).doesNotContain("<script", "alert('x')", "onerror", "onclick", "style=", "<iframe", "<style");
        assertThat(html).contains("Text", "weiter.", "Absatz", "<img src=\"/media/1/480.jpg\" alt=\"Bild\" />");
    }

    @Test
    void removesJavascriptAndDataLinksInEveryDisguise() {
        String html = renderer.render("""
                [eins](javascript:alert(1)) [zwei](JAVASCRIPT:alert(1)) [drei](data:text/html;base64,PHNjcmlwdD4=)
                <a href="jav&#x09;ascript:alert(1)">vier</a> <a href=" javascript:alert(1)">fünf</a>
                """);
        assertThat(html.toLowerCase()).doesNotContain("javascript:", "data:text");
        assertThat(html).contains("eins", "zwei", "drei", "vier", "fünf");
    }

    @Test
    void keepsTheArticleTitleTheOnlyTopLevelHeading() {
        assertThat(renderer.render("# Eine Überschrift")).isEqualTo("<h2>Eine Überschrift</h2>\n");
    }

    @Test
    void allowsImagesOnlyFromTheSitesOwnMedia() {
        assertThat(renderer.render("![x](https://tracker.example/pixel.gif)")).doesNotContain("<img");
        assertThat(renderer.render("![Karte](/media/12/960.jpg)")).contains("<img src=\"/media/12/960.jpg\" alt=\"Karte\" />");
    }

    @Test
    void escapesTextThatLooksLikeSql() {
        String html = renderer.render("'; DROP TABLE article; -- und 1=1");
        assertThat(html).contains("&#39;; DROP TABLE article; -- und 1&#61;1");
    }
}
