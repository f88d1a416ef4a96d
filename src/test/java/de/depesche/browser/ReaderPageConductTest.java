package de.depesche.browser;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import de.depesche.browser.RepresentativeSite.Page;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How reader pages behave in a real browser beyond their markup: they load nothing from other hosts
 * (privacy: no third-party requests, nothing the Content-Security-Policy had to refuse), and on a
 * phone 375 pixels wide nothing makes the page scroll sideways.
 */
class ReaderPageConductTest extends BrowserTest {

    @Autowired
    ApplicationContext context;

    @Override
    protected void adjust(ChromeOptions options) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
    }

    @Test
    void readerPagesRequestNothingFromOtherHostsAndBreakNoContentSecurityRule() {
        RepresentativeSite site = RepresentativeSite.of(context, port);
        String origin = URI.create(url("/")).resolve("/").toString().replaceAll("/$", "");
        List<String> problems = new ArrayList<>();
        for (Page page : site.readerPages()) {
            browser.get(url(page.path()));
            loadEverything();
            for (String resource : resources()) {
                if (!resource.startsWith(origin + "/") && !resource.startsWith("data:")) {
                    problems.add(page.name() + ": requested " + resource);
                }
            }
            for (String reference : resourceReferences()) {
                String absolute = URI.create(url(page.path())).resolve(reference).toString();
                if (!absolute.startsWith(origin + "/") && !absolute.startsWith("data:")) {
                    problems.add(page.name() + ": refers to " + reference);
                }
            }
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                if (message.contains("Content Security Policy") || message.contains("Refused to")) {
                    problems.add(page.name() + ": " + message);
                }
            }
        }
        assertThat(resources()).as("the check sees the page's own requests").anyMatch(r -> r.contains("/css/site"));
        // The check must notice a fault: an image from another host is refused by the CSP and seen in the markup.
        js().executeScript("document.body.insertAdjacentHTML('beforeend', '<img alt=\"\" src=\"http://third-party.invalid/pixel.gif\">')");
        assertThat(resourceReferences()).contains("http://third-party.invalid/pixel.gif");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("third-party.invalid") && e.getMessage().contains("Content Security Policy")));
        assertThat(problems).withFailMessage("Reader pages reached beyond " + origin + ":\n" + String.join("\n", problems))
                .isEmpty();
    }

    @Test
    void onAPhoneNoReaderPageScrollsSideways() {
        RepresentativeSite site = RepresentativeSite.of(context, port);
        emulatePhone();
        List<String> problems = new ArrayList<>();
        for (Page page : site.mainReaderPages()) {
            browser.get(url(page.path()));
            problems.addAll(sidewaysScroll(page.name()));
        }
        // The success page of a personal feed shows two long addresses.
        browser.get(url("/abo/neu?kind=category&target=" + site.category.slug()));
        browser.findElement(By.cssSelector("input[name=channel][value=feed]")).click();
        browser.findElement(By.id("subscribe-consent")).click();
        pause(Duration.ofMillis(2100));
        browser.findElement(By.cssSelector("form.subscribe-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".feed-url")));
        problems.addAll(sidewaysScroll("subscription done (personal feed)"));

        assertThat(((Number) js().executeScript("return document.documentElement.clientWidth")).intValue())
                .as("the phone's viewport").isEqualTo(375);
        js().executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', "
                + "'<pre class=\"known-fault\">' + 'x'.repeat(200) + '</pre>')");
        assertThat(sidewaysScroll("known fault")).as("the check notices a wide element").singleElement()
                .asString().contains("pre.known-fault");
        assertThat(problems).withFailMessage("Pages wider than a 375px phone:\n" + String.join("\n", problems)).isEmpty();
    }

    /** Scrolls to the end so that lazy images load, then waits until every image has arrived. */
    private void loadEverything() {
        js().executeScript("window.scrollTo(0, document.documentElement.scrollHeight)");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> (Boolean) js().executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)"));
    }

    /** What the browser fetched for the page: the document and every resource (Resource Timing). */
    @SuppressWarnings("unchecked")
    private List<String> resources() {
        return (List<String>) js().executeScript("""
                return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                    .map(e => e.name);
                """);
    }

    /** Addresses the page would load from (a blocked request leaves no timing entry, so look at the markup too). */
    @SuppressWarnings("unchecked")
    private List<String> resourceReferences() {
        return (List<String>) js().executeScript("""
                const refs = [];
                document.querySelectorAll('img[src], script[src], iframe[src], video[src], audio[src], source[src], embed[src], track[src], input[type=image][src]')
                    .forEach(e => refs.push(e.getAttribute('src')));
                document.querySelectorAll('img[srcset], source[srcset]').forEach(e => e.getAttribute('srcset').split(',')
                    .forEach(c => c.trim() && refs.push(c.trim().split(/\\s+/)[0])));
                document.querySelectorAll('object[data]').forEach(e => refs.push(e.getAttribute('data')));
                document.querySelectorAll('video[poster]').forEach(e => refs.push(e.getAttribute('poster')));
                document.querySelectorAll('link[href]').forEach(e => {
                    const rel = (e.getAttribute('rel') || '').toLowerCase();
                    if (/stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest/.test(rel)) {
                        refs.push(e.getAttribute('href'));
                    }
                });
                return refs;
                """);
    }

    /** The page's overflow, and the elements that stick out on the right (the innermost ones, to fix). */
    @SuppressWarnings("unchecked")
    private List<String> sidewaysScroll(String page) {
        Map<String, Object> r = (Map<String, Object>) js().executeScript("""
                const root = document.documentElement;
                const width = root.clientWidth;
                const right = e => Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth);
                const sticksOut = e => right(e) > width + 0.5;
                const culprits = Array.from(document.querySelectorAll('body *'))
                    .filter(e => sticksOut(e) && !Array.from(e.children).some(sticksOut))
                    .slice(0, 8)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                        ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(right(e)) + 'px: "'
                        + (e.textContent || '').trim().slice(0, 40) + '")');
                return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits };
                """);
        long scrollWidth = ((Number) r.get("scrollWidth")).longValue();
        long clientWidth = ((Number) r.get("clientWidth")).longValue();
        if (scrollWidth <= clientWidth) {
            return List.of();
        }
        return List.of(page + ": " + scrollWidth + "px wide in a " + clientWidth + "px viewport; sticking out: " + r.get("culprits"));
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
