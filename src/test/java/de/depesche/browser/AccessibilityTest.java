package de.depesche.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.depesche.browser.RepresentativeSite.Page;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core, run in Chromium on every kind of reader page and newsroom screen, finds no violation of
 * WCAG 2.1 level A and AA (contrast, names and labels, landmarks, heading order, language, unique
 * ids, link names …). The test lists each violation with its rule, impact and the elements.
 */
class AccessibilityTest extends BrowserTest {

    /**
     * The rules axe checks: WCAG 2.0 and 2.1 at levels A and AA, the one AA addition of WCAG 2.2 axe
     * knows (target size), and axe's best practices (landmarks, heading order, empty table headers …).
     */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    @Autowired
    ApplicationContext context;

    @Test
    void readerPagesAndTheNewsroomMeetWcag21AA() throws Exception {
        String axe = Files.readString(QualityTools.axe(), StandardCharsets.UTF_8);
        RepresentativeSite site = RepresentativeSite.of(context, port);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));

        List<String> findings = new ArrayList<>();
        for (Page page : site.readerPages()) {
            findings.addAll(check(page, axe));
        }
        findings.addAll(commentFormWithErrors(site, axe));
        signIn();
        for (Page page : site.newsroomPages()) {
            // The newsletter preview is the mail's HTML shown as it will arrive, not a page of the site.
            if (!page.name().equals("admin-newsletter-preview")) {
                findings.addAll(check(page, axe));
            }
        }
        List<String> violations = findings.stream().filter(f -> !f.contains(": review ")).toList();
        List<String> reviews = findings.stream().filter(f -> f.contains(": review ")).toList();

        // axe is only worth trusting if it notices faults: a WCAG one and a best-practice one, put in on purpose.
        assertThat(check(new Page("known-fault", "/datenschutz", false, 200), axe, """
                document.querySelector('main').insertAdjacentHTML('beforeend',
                    '<img src="/img/logo.png"><input type="text"><h5>Zu tief</h5>');
                """)).as("axe reports the known faults")
                .anyMatch(v -> v.contains(": image-alt ")).anyMatch(v -> v.contains(": label "))
                .anyMatch(v -> v.contains(": heading-order "));
        String report = violations.size() + " axe-core violations (WCAG 2.1 A/AA, 2.2 target size, best practices):\n" + String.join("\n", violations)
                + "\n\n" + reviews.size() + " findings axe cannot decide alone (not failures; look at them):\n"
                + String.join("\n", reviews);
        Path file = Path.of("target", "quality", "axe-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        assertThat(violations).withFailMessage(report).isEmpty();
    }

    @Test
    void theMainReaderPagesMeetWcag21AAOnAPhone() throws Exception {
        String axe = Files.readString(QualityTools.axe(), StandardCharsets.UTF_8);
        RepresentativeSite site = RepresentativeSite.of(context, port);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        emulatePhone();
        List<String> violations = new ArrayList<>();
        for (Page page : site.mainReaderPages()) {
            violations.addAll(check(page, axe).stream().filter(f -> !f.contains(": review ")).toList());
        }
        assertThat(violations).withFailMessage(violations.size() + " axe-core violations at 375px:\n"
                + String.join("\n", violations)).isEmpty();
    }

    /** WCAG 3.1.2, which axe cannot judge: the link to the other language is marked as that language. */
    @Test
    void theLinkToTheOtherLanguageSpeaksThatLanguage() {
        Element toEnglish = Jsoup.parse(get("/").body()).selectFirst(".site-footer a[href='?lang=en']");
        assertThat(toEnglish).isNotNull();
        assertThat(toEnglish.attr("lang")).isEqualTo("en");
        assertThat(toEnglish.text()).isEqualTo("English");
        Element toGerman = Jsoup.parse(get("/?lang=en").body()).selectFirst(".site-footer a[href='?lang=de']");
        assertThat(toGerman).isNotNull();
        assertThat(toGerman.attr("lang")).isEqualTo("de");
        assertThat(toGerman.text()).isEqualTo("Deutsch");
    }

    private List<String> check(Page page, String axe) {
        return check(page, axe, "");
    }

    private List<String> check(Page page, String axe, String prepare) {
        browser.get(url(page.path()));
        return runAxe(page.name() + " " + page.path(), axe, prepare);
    }

    /** The comment form after a refused submission: the error summary and the kept input. */
    private List<String> commentFormWithErrors(RepresentativeSite site, String axe) {
        browser.get(url(site.article.path()));
        browser.findElement(By.id("comment-text")).sendKeys("Zu schnell abgeschickt");
        browser.findElement(By.cssSelector("#kommentar-formular button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".problems")));
        return runAxe("comment form refused (POST /kommentare)", axe, "");
    }

    @SuppressWarnings("unchecked")
    private List<String> runAxe(String where, String axe, String prepare) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe + "\n" + prepare);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                                const describe = (v, prefix) => ({ id: prefix + v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')
                        + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : '')) });
                axe.run(document, { runOnly: { type: 'tag', values: arguments[0] },
                                    resultTypes: ['violations', 'incomplete'] })
                    .then(r => done(r.violations.map(v => describe(v, ''))
                        .concat(r.incomplete.map(v => describe(v, 'review ')))))
                    .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
                """, TAGS);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            for (Object node : (List<Object>) v.get("nodes")) {
                found.add(where + ": " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + node);
            }
            if (((List<Object>) v.get("nodes")).isEmpty()) {
                found.add(where + ": " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help"));
            }
        }
        return found;
    }

    private void signIn() {
        browser.get(url("/admin/login"));
        browser.findElement(By.id("email")).sendKeys(TestDatabase.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(TestDatabase.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/admin$"));
    }
}
