package de.depesche.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import de.depesche.article.Article;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.job.JobListings;
import de.depesche.job.JobSourceKind;
import de.depesche.site.InvalidInput;
import de.depesche.subscription.Channel;
import de.depesche.subscription.SubscriptionKind;
import de.depesche.subscription.SubscriptionManagement;
import de.depesche.subscription.SubscriptionRequest;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile reader input in a real browser: a few hundred XSS payloads (src/test/resources/security/
 * xss-payloads.txt) go into every field a reader or a job feed controls, and every page that shows them
 * is opened in Chromium with the Content-Security-Policy bypassed, so only the escaping protects the page.
 * {@code alert}, {@code confirm}, {@code prompt} and {@code print} are hooked before any page script runs,
 * every element gets the usual events, and the DOM is checked for dangerous constructs.
 */
// A context of its own: the hostile comments, jobs and subscriptions stay out of the pages the other
// browser tests check.
@org.springframework.test.context.TestPropertySource(properties = "depesche.test.context=hostile-input")
class HostileInputBrowserTest extends BrowserTest {

    /** Records calls of the dialog functions; runs before the page's own scripts. */
    static final String HOOK = """
            window.__xss = [];
            for (const name of ['alert', 'confirm', 'prompt', 'print']) {
              const record = function () { window.__xss.push(name + '(' + Array.from(arguments).join(',') + ')'); };
              try { Object.defineProperty(window, name, { value: record, writable: false, configurable: false }); }
              catch (e) { window[name] = record; }
            }
            """;

    /** Fires the usual events on every element and calls every on* attribute, then reports the calls seen. */
    static final String TRIGGER = """
            const events = ['mouseover', 'mouseenter', 'pointerenter', 'mousedown', 'mouseup', 'focus', 'focusin', 'blur',
              'load', 'error', 'animationstart', 'animationend', 'transitionend', 'toggle', 'begin', 'dragstart',
              'input', 'change', 'keydown', 'pageshow', 'hashchange', 'resize'];
            for (const el of document.querySelectorAll('*')) {
              for (const type of events) { try { el.dispatchEvent(new Event(type, { bubbles: false })); } catch (e) {} }
              for (const attr of Array.from(el.attributes)) {
                if (/^on/i.test(attr.name) && typeof el[attr.name.toLowerCase()] === 'function') {
                  try { el[attr.name.toLowerCase()](new Event('x')); } catch (e) {}
                }
              }
              if (el.matches('a[href^="javascript" i], a[href^="data" i]')) { try { el.click(); } catch (e) {} }
            }
            return window.__xss ? window.__xss.slice() : ['hook missing'];
            """;

    /** Lists the dangerous constructs in the DOM, with the CSP out of the way these are what would run. */
    static final String CHECK = """
            const problems = [];
            const origin = location.origin;
            const bad = v => { const s = (v || '').replace(/[\\u0000-\\u0020\\u007f-\\u00a0\\u200b-\\u200f\\u2028-\\u202e\\ufeff]/g, '').toLowerCase();
              return s.startsWith('javascript:') || s.startsWith('vbscript:') || s.startsWith('data:text/html')
                || s.startsWith('data:image/svg') || s.startsWith('data:application'); };
            const text = el => el.outerHTML.slice(0, 160);
            for (const s of document.querySelectorAll('script')) {
              if (s.src) { if (!s.src.startsWith(origin + '/')) problems.push('foreign script ' + text(s)); }
              else if ((s.type || '').toLowerCase() === 'application/ld+json') {
                try { JSON.parse(s.textContent); } catch (e) { problems.push('broken JSON-LD ' + text(s)); }
              } else problems.push('inline script ' + text(s));
            }
            for (const el of document.querySelectorAll('*')) {
              for (const attr of Array.from(el.attributes)) {
                const name = attr.name.toLowerCase();
                if (name.startsWith('on')) problems.push('handler ' + text(el));
                if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'code']
                    .includes(name) && (name === 'srcdoc' || bad(attr.value))) problems.push('url ' + text(el));
                if (name === 'style' && /expression\\s*\\(|url\\s*\\(\\s*['"]?\\s*javascript|behavior/i.test(attr.value))
                  problems.push('style ' + text(el));
              }
            }
            for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, portal, base, body meta, meta[http-equiv="refresh" i], body link, body style'))
              problems.push('element ' + text(el));
            for (const el of document.querySelectorAll('form[action]'))
              if (!new URL(el.action, location.href).href.startsWith(origin + '/')) problems.push('form ' + text(el));
            return problems;
            """;

    @Autowired
    CommentManagement comments;
    @Autowired
    JobListings jobs;
    @Autowired
    SubscriptionManagement subscriptions;
    @Autowired
    JdbcClient jdbc;

    /** Per input field: payloads stored, payloads the product refused as input, findings. */
    final Map<String, int[]> figures = new TreeMap<>();
    final List<String> findings = new ArrayList<>();
    int pages;
    final List<String> refusals = new ArrayList<>();

    @BeforeEach
    void hookDialogsAndBypassCsp() {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Page.enable", Map.of());
        chrome.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOOK));
    }

    static List<String> payloads() throws IOException {
        try (InputStream in = HostileInputBrowserTest.class.getResourceAsStream("/security/xss-payloads.txt")) {
            List<String> base = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("# ")).toList();
            List<String> all = new ArrayList<>(base);
            // Variants: inside running text, and after a quote-and-tag breakout.
            for (String p : base) {
                all.add("Guter Punkt " + p + " und weiter.");
            }
            for (String p : base) {
                all.add("\"'>" + p);
            }
            return all;
        }
    }

    @Test
    void noHostileInputRunsOrLeavesDangerousMarkupOnAnyPage() throws Exception {
        List<String> payloads = payloads();
        var admin = data.admin();
        String run = unique("xss").replace(" ", "-");

        // Comments: all approved ones on one article page; the pending ones on another article, for the queue.
        Article shown = data.published("Feindliche Kommentare " + run);
        Article queued = data.published("Feindliche Warteschlange " + run);
        int n = 0;
        for (String p : payloads) {
            n++;
            String name = p.length() > 80 ? p.substring(0, 80) : p;
            try {
                Comment c = comments.submit(new CommentSubmission(shown.id(), null, name, "a" + n + "-" + run + "@example.org",
                        p, false, true), network(n));
                comments.approve(c.id(), admin);
                count("comment text+name (article page)", 0);
            } catch (InvalidInput refused) {
                if (refusals.size() < 5) refusals.add(refused.getMessage() + " " + p);
                count("comment text+name (article page)", 1);
            }
            try {
                comments.submit(new CommentSubmission(queued.id(), null, name, "q" + n + "-" + run + "@example.org",
                        p + " ", false, true), network(n + 5000));
                count("comment text+name (moderation queue)", 0);
            } catch (InvalidInput refused) {
                count("comment text+name (moderation queue)", 1);
            }
        }
        visit("comment text+name (article page)", shown.path());
        assertThat(browser.findElements(By.cssSelector("article.comment")).size()).as("comments shown").isGreaterThan(100);

        // Jobs: one imported feed, four payloads per job (title, company, city, description).
        StringBuilder feed = new StringBuilder("<source>");
        for (int i = 0; i + 3 < payloads.size(); i += 4) {
            feed.append("<job><title>").append(xml(payloads.get(i) + " " + i)).append("</title><company>")
                    .append(xml(payloads.get(i + 1))).append("</company><city>").append(xml(payloads.get(i + 2)))
                    .append("</city><url>https://jobs.example.org/").append(run).append('/').append(i)
                    .append("</url><description>").append(xml(payloads.get(i + 3))).append("</description><jobtype>fulltime</jobtype></job>");
        }
        feed.append("</source>");
        jobs.importFeed(new ByteArrayInputStream(feed.toString().getBytes(StandardCharsets.UTF_8)), "application/xml",
                JobSourceKind.API, "Feindfeed " + run + " <img src=x onerror=alert(1)>", admin);
        List<String> jobPaths = jdbc.sql("select id from job_listing where apply_url like :u").param("u", "https://jobs.example.org/" + run + "/%")
                .query(Long.class).list().stream().map(id -> jobs.find(id).orElseThrow().path()).toList();
        figures.put("job feed title/company/city/description", new int[] {payloads.size() / 4 * 4, payloads.size() / 4 * 4 - jobPaths.size() * 4, 0});
        for (int page = 1; page <= 40; page++) {
            visit("job feed title/company/city/description", "/jobs?seite=" + page);
            if (browser.findElements(By.cssSelector("a[rel=next]")).isEmpty()) {
                break;
            }
        }
        for (String path : jobPaths) {
            visit("job feed title/company/city/description", path);
        }

        // Search queries and subscription targets, one page per payload.
        n = 0;
        for (String p : payloads) {
            n++;
            String q = URLEncoder.encode(p, StandardCharsets.UTF_8);
            count("search query", 0);
            visit("search query", "/suche?q=" + q);
            count("subscription target (form)", 0);
            visit("subscription target (form)", "/abo/neu?kind=search&target=" + q);
            try {
                var ready = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(
                        new SubscriptionRequest(null, SubscriptionKind.SEARCH, p, Channel.FEED, true), network(n + 10000));
                count("subscription search target (manage page)", 0);
                visit("subscription search target (manage page)", ready.managePath());
            } catch (InvalidInput refused) {
                count("subscription search target (manage page)", 1);
            }
        }

        // Newsroom: the moderation queue and the job import reports, as staff.
        StaffMember staff = data.staff(Role.ADMIN);
        browser.get(url("/admin/login"));
        browser.findElement(By.id("email")).sendKeys(staff.email());
        browser.findElement(By.id("password")).sendKeys(TestData.STAFF_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/admin"));
        for (int page = 1; page <= 60; page++) {
            visit("comment text+name (moderation queue)", "/admin/moderation?sort=oldest&seite=" + page);
            if (browser.findElements(By.cssSelector(".queue-item")).isEmpty()) {
                break;
            }
        }
        visit("job feed title/company/city/description", "/admin/jobs/reports");
        for (String report : browser.findElements(By.cssSelector("a[href*='/admin/jobs/reports/']")).stream()
                .map(a -> a.getAttribute("href")).distinct().limit(3).toList()) {
            visit("job feed title/company/city/description", report.replaceFirst("^https?://[^/]+", ""));
        }
        visit("job feed title/company/city/description", "/admin/jobs?q=" + run);

        StringBuilder table = new StringBuilder("Hostile input, " + pages + " pages:\n");
        figures.forEach((field, f) -> table.append("  ").append(field).append(": ").append(f[0]).append(" payloads, ")
                .append(f[1]).append(" refused as input, ").append(f[2]).append(" executed or dangerous\n"));
        System.out.println(table);
        assertThat(findings).withFailMessage(table + String.join("\n", findings.stream().limit(60).toList())).isEmpty();
    }

    void visit(String field, String path) {
        browser.get(url(path));
        pages++;
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object> before = (List<Object>) js.executeScript(CHECK);
        before.forEach(p -> problems.add("markup: " + p));
        @SuppressWarnings("unchecked")
        List<Object> calls = (List<Object>) js.executeScript(TRIGGER);
        calls.forEach(c -> problems.add("executed: " + c));
        if (!problems.isEmpty()) {
            figures.computeIfAbsent(field, f -> new int[3])[2] += problems.size();
            problems.forEach(p -> findings.add(field + " " + path + ": " + p));
        }
    }

    void count(String field, int refused) {
        int[] f = figures.computeIfAbsent(field, k -> new int[3]);
        f[0]++;
        f[1] += refused;
    }

    static String network(int n) {
        return (11 + n / 250) + "." + (n % 250) + "." + (n % 200) + ".7";
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "");
    }
}
