package de.depesche.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.AccountManagement;
import de.depesche.account.NewStaff;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import de.depesche.site.Slugify;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty embedded database with demo content: categories, an editor and ten articles.
 * {@code depesche.demo-content}: {@code auto} (default: only on the embedded H2 database),
 * {@code always} (on PostgreSQL too) or {@code never}; a database with any article or category is
 * never touched.
 */
@Component
@Order(10)
class DemoContent implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    static final String EDITOR_EMAIL = "redaktion@depesche.local";

    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("Sicherheitspolitik", "Bündnisse, Verteidigung, Rüstungskontrolle und die Politik dahinter.");
        CATEGORIES.put("Technik", "Chips, Software, Netze und Raumfahrt – was dahintersteckt und was es bedeutet.");
        CATEGORIES.put("Künstliche Intelligenz", "Modelle, Regeln und Folgen der KI für Arbeit, Staat und Alltag.");
        CATEGORIES.put("Cybersicherheit", "Angriffe, Abwehr und die Sicherheit kritischer Infrastrukturen.");
    }

    private final AccountManagement accounts;
    private final SiteSettingsService settings;
    private final ArticleManagement articles;
    private final Clock clock;
    private final String mode;
    private final String datasourceUrl;

    DemoContent(AccountManagement accounts, ArticleManagement articles, SiteSettingsService settings, Clock clock,
                @Value("${depesche.demo-content:auto}") String mode,
                @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.accounts = accounts;
        this.settings = settings;
        this.articles = articles;
        this.clock = clock;
        this.mode = mode;
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        boolean empty = articles.categories().isEmpty()
                && articles.newsroomList(new ArticleManagement.NewsroomFilter(null, null, null, null), 1, 1).total() == 0;
        if (!wanted(mode, datasourceUrl, empty)) {
            return;
        }
        String password = AccountManagement.generatePassword();
        StaffMember editor = accounts.findByEmail(EDITOR_EMAIL).orElseGet(() ->
                accounts.create(new NewStaff(EDITOR_EMAIL, "Mara Lindqvist", Role.EDITOR, password), null));
        StaffPrincipal asEditor = accounts.principal(editor.id()).orElseThrow();
        CATEGORIES.forEach((name, description) -> articles.createCategory(name, description, asEditor));
        SiteSettings current = settings.current();
        List<SiteSettings.NavLink> navigation = new java.util.ArrayList<>(List.of(SiteSettings.NavLink.home()));
        CATEGORIES.keySet().forEach(name -> navigation.add(new SiteSettings.NavLink(name, "/kategorie/" + Slugify.slugify(name))));
        settings.update(new SiteSettings(current.siteName(), current.outlet(), current.tagline(), current.language(),
                navigation, current.supportUrl(), current.newsletterUrl()));
        List<DemoArticle> demo = load();
        for (DemoArticle a : demo) {
            articles.importPublished(a.draft(), editor.id(), clock.instant().minus(Duration.ofHours(a.hoursAgo())), asEditor);
        }
        // the password to the console only, never through the logger (log files are kept and shipped)
        System.out.println("""

                ================================================================
                 Depesche: demo content created (%d articles). Editor account:
                   E-Mail:   %s
                   Passwort: %s
                ================================================================""".formatted(demo.size(), EDITOR_EMAIL, password));
        System.out.flush();
        log.info("Depesche: demo content created ({} articles); editor account {}, password printed on the console",
                demo.size(), EDITOR_EMAIL);
    }

    /**
     * Demo content goes only into an empty database (no articles, no categories): with {@code auto} only
     * into the embedded one, which is what a first try on a laptop uses, never into PostgreSQL.
     */
    static boolean wanted(String mode, String datasourceUrl, boolean emptyDatabase) {
        return emptyDatabase && switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> datasourceUrl.startsWith("jdbc:h2:");
        };
    }

    record DemoArticle(ArticleDraft draft, int hoursAgo) {}

    static List<DemoArticle> load() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/articles/*.md");
        List<DemoArticle> result = new ArrayList<>();
        for (Resource file : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
            try (InputStream in = file.getInputStream()) {
                result.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return result;
    }

    /** A demo file: front matter between two "---" lines, then the Markdown body. */
    static DemoArticle parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        if (!normalised.startsWith("---\n")) {
            throw new IllegalArgumentException("demo article without front matter");
        }
        int end = normalised.indexOf("\n---\n", 4);
        Map<String, String> front = new LinkedHashMap<>();
        for (String line : normalised.substring(4, end).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                front.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String body = normalised.substring(end + 5).strip();
        List<String> tags = Arrays.stream(front.getOrDefault("tags", "").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        ArticleDraft draft = new ArticleDraft(front.get("title"), null, front.get("dateline"), front.getOrDefault("lead", ""),
                body, List.of(front.getOrDefault("category", "")), tags, null, null, null, null, null);
        return new DemoArticle(draft, Integer.parseInt(front.getOrDefault("hoursAgo", "1")));
    }
}
