package de.depesche.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.depesche.browser.RepresentativeSite.Page;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reader pages work with JavaScript switched off: they carry no script of their own, and the forms a
 * reader uses (comment, reply, subscribe, manage, search, job filters) are plain HTML forms that a
 * browser without JavaScript sends and gets an answer to.
 */
class WithoutJavaScriptTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @Override
    protected void adjust(ChromeOptions options) {
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }

    @Test
    void readerPagesCarryNoScriptOnlyStructuredData() {
        RepresentativeSite site = RepresentativeSite.of(context, port);
        List<String> problems = new ArrayList<>();
        for (Page page : site.readerPages()) {
            if (page.path().startsWith("/admin")) {
                continue;
            }
            Document d = Jsoup.parse(get(page.path()).body());
            for (Element script : d.select("script")) {
                if (!"application/ld+json".equals(script.attr("type"))) {
                    problems.add(page.name() + ": " + script.outerHtml().lines().findFirst().orElse(""));
                }
            }
            for (Element e : d.getAllElements()) {
                e.attributes().forEach(a -> {
                    if (a.getKey().startsWith("on") || a.getKey().equals("style") || a.getValue().strip().startsWith("javascript:")) {
                        problems.add(page.name() + ": <" + e.tagName() + " " + a.getKey() + "=\"" + a.getValue() + "\">");
                    }
                });
            }
        }
        assertThat(problems).withFailMessage("Script or inline style on reader pages:\n" + String.join("\n", problems)).isEmpty();
    }

    @Test
    void aReaderCommentsRepliesSearchesAndSubscribesWithoutJavaScript() {
        RepresentativeSite site = RepresentativeSite.of(context, port);
        String run = Long.toString(System.nanoTime(), 36);
        browser.get("data:text/html,<p id=probe>off</p><script>document.getElementById('probe').textContent='on'</script>");
        assertThat(browser.findElement(By.id("probe")).getText()).as("JavaScript is switched off").isEqualTo("off");

        browser.get(url(site.article.path()));
        fill("comment-name", "Nora Ohneskript");
        fill("comment-email", "nora-" + run + "@example.org");
        fill("comment-text", "Ein Kommentar, ganz ohne JavaScript geschrieben " + run + ".");
        browser.findElement(By.id("comment-consent")).click();
        pause(Duration.ofMillis(1100));
        navigate(By.cssSelector("#kommentar-formular button[type=submit]"),
                ExpectedConditions.urlContains("#kommentar-"));
        WebElement own = browser.findElement(By.cssSelector(".comment-pending"));
        assertThat(own.getText()).contains("ganz ohne JavaScript geschrieben " + run, "wartet auf Freischaltung");

        navigate(By.cssSelector("#kommentar-" + site.topComment + " .comment-actions a"),
                ExpectedConditions.urlContains("/antworten"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        fill("comment-name", "Nora Ohneskript");
        fill("comment-email", "nora-" + run + "@example.org");
        fill("comment-text", "Und eine Antwort darauf " + run + ".");
        browser.findElement(By.id("comment-consent")).click();
        pause(Duration.ofMillis(1100));
        navigate(By.cssSelector("#kommentar-formular button[type=submit]"),
                ExpectedConditions.urlContains("#kommentar-"));
        assertThat(browser.findElements(By.cssSelector(".comment-replies .comment-pending")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("Und eine Antwort darauf " + run));

        browser.get(url("/suche"));
        fill("search-q", site.searchWord);
        navigate(By.cssSelector(".search-form button[type=submit]"),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".search-hit")));
        assertThat(browser.findElements(By.cssSelector(".search-hit h2")).stream().map(WebElement::getText))
                .contains(site.second.title());

        browser.get(url("/jobs"));
        fill("q", site.job.title());
        navigate(By.cssSelector(".job-filters button[type=submit]"),
                ExpectedConditions.urlContains("q="));
        assertThat(browser.findElements(By.cssSelector(".job-item h2")).stream().map(WebElement::getText))
                .containsExactly(site.job.title());

        browser.get(url(site.article.path()));
        fill("subscribe-email", "ohneskript-" + run + "@example.org");
        browser.findElement(By.id("subscribe-consent")).click();
        pause(Duration.ofMillis(2100));
        navigate(By.cssSelector("#abonnieren button[type=submit]"),
                ExpectedConditions.urlMatches(".*/abo$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Fast geschafft");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Bitte bestätigen Sie");

        browser.get(url("/abo/neu?kind=category&target=" + site.category.slug()));
        browser.findElement(By.cssSelector("input[name=channel][value=feed]")).click();
        browser.findElement(By.id("subscribe-consent")).click();
        pause(Duration.ofMillis(2100));
        navigate(By.cssSelector("form.subscribe-form button[type=submit]"),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".feed-url")));
        navigate(By.cssSelector("a[href^='/abo/verwalten/']"),
                ExpectedConditions.urlContains("/abo/verwalten/"));
        assertThat(browser.findElement(By.cssSelector("table.list tbody")).getText()).contains("aktiv");
        navigate(By.xpath("//table//button[normalize-space()='Pausieren']"),
                ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("table.list tbody"), "pausiert"));
        navigate(By.xpath("//table//button[normalize-space()='Fortsetzen']"),
                ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("table.list tbody"), "aktiv"));
    }

    /**
     * Clicks what sends a form or follows a link, waits until the browser has left the page it was on
     * (the clicked element is gone with it), then waits for the condition on the new page. Without the
     * first wait, a condition could read the old page while Chromium swaps it for the new one.
     */
    private void navigate(By what, ExpectedCondition<?> arrived) {
        WebElement clicked = browser.findElement(what);
        clicked.click();
        // Chromium reports an element of a page it has left as stale, or, while it swaps the pages, as
        // "Node with given id does not belong to the document": both mean the old page is gone.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
            try {
                clicked.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(arrived);
    }

    private void fill(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
