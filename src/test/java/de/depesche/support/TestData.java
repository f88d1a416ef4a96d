package de.depesche.support;

import java.util.List;

import de.depesche.account.AccountManagement;
import de.depesche.account.NewStaff;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.article.Category;
import de.depesche.site.Slugify;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Creates what a test needs through the modules' public APIs, with unique names. */
public class TestData {

    public static final String STAFF_PASSWORD = "staff-password-123";

    private final AccountManagement accounts;
    private final ArticleManagement articles;
    int port;

    TestData(AccountManagement accounts, ArticleManagement articles) {
        this.accounts = accounts;
        this.articles = articles;
    }

    /** A path that fails with a 500, for tests of the error page. */
    public static final String FAILING_PATH = FailingPage.PATH;

    @TestConfiguration(proxyBeanMethods = false)
    @Import(FailingPage.class)
    public static class Config {
        @Bean
        TestData testData(AccountManagement accounts, ArticleManagement articles) {
            return new TestData(accounts, articles);
        }

        @Bean
        static org.springframework.beans.factory.config.BeanPostProcessor countingDataSource() {
            return StatementCounter.dataSources();
        }

        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<?> statementCounterFilter() {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(StatementCounter.filter());
            registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    public StaffPrincipal admin() {
        return accounts.findByEmail(TestDatabase.ADMIN_EMAIL).flatMap(m -> accounts.principal(m.id())).orElseThrow();
    }

    public StaffMember staff(Role role) {
        String name = role.name().toLowerCase() + "-" + Long.toString(System.nanoTime(), 36);
        return accounts.create(new NewStaff(name + "@test.depesche.local", "Test " + name, role, STAFF_PASSWORD), admin());
    }

    public StaffPrincipal principal(StaffMember member) {
        return accounts.principal(member.id()).orElseThrow();
    }

    public Category category(String name) {
        return articles.category(Slugify.slugify(name)).orElseGet(() -> articles.createCategory(name, "", admin()));
    }

    public ArticleDraft draft(String title, String dateline, String body, String... categories) {
        return new ArticleDraft(title, null, dateline, "Ein Vorspann zu " + title, body, List.of(categories),
                List.of("Testthema"), null, null, null, null, null);
    }

    public Article published(String title) {
        return published(title, "BERLIN", "Der erste Absatz des Textes.\n\nEin zweiter Absatz.");
    }

    public Article published(String title, String dateline, String body, String... categories) {
        Article draft = articles.create(draft(title, dateline, body, categories), admin());
        return articles.publish(draft.id(), admin());
    }

    public ArticleManagement articles() {
        return articles;
    }

    public Article draft(String title) {
        return articles.create(draft(title, "HAMBURG", "Noch nicht fertig."), admin());
    }
}
