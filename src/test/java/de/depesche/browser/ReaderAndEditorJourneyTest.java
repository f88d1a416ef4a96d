package de.depesche.browser;

import java.time.Duration;

import de.depesche.article.Article;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderAndEditorJourneyTest extends BrowserTest {

    @Test
    void aReaderOpensTheHomePageFollowsAnArticleAndSeesItsDateline() {
        Article a = data.published(unique("Marine übt in der Nordsee"), "WILHELMSHAVEN",
                "Die Übung beginnt am Morgen.\n\nWeitere Einzelheiten folgen.");
        browser.get(url("/"));
        assertThat(browser.getTitle()).startsWith("Depesche");
        browser.findElement(By.linkText(a.title())).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(a.slug()));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(a.title());
        WebElement dateline = browser.findElement(By.cssSelector(".article .body .dateline"));
        assertThat(dateline.getText()).isEqualTo("WILHELMSHAVEN (Depesche) –");
        assertThat(browser.findElement(By.cssSelector(".article .body p")).getText())
                .isEqualTo("WILHELMSHAVEN (Depesche) – Die Übung beginnt am Morgen.");
    }

    @Test
    void anEditorSignsInWritesAndPublishesAndAReaderSeesItOnTheHomePage() {
        String title = unique("Neue Cyberabwehr für Stadtwerke");
        browser.get(url("/admin/login"));
        browser.findElement(By.id("email")).sendKeys(TestDatabase.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(TestDatabase.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/admin$"));

        browser.get(url("/admin/articles/new"));
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("dateline")).sendKeys("LEIPZIG");
        browser.findElement(By.id("lead")).sendKeys("Kommunale Versorger rüsten auf.");
        browser.findElement(By.id("body")).sendKeys("Die Stadtwerke stellen ein neues Team vor.\n\nEs soll rund um die Uhr arbeiten.");
        browser.findElement(By.cssSelector("button[value=publish]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Der Artikel ist veröffentlicht.");

        browser.manage().deleteAllCookies();
        browser.get(url("/"));
        assertThat(browser.findElements(By.cssSelector(".teaser h2 a")).stream().map(WebElement::getText)).contains(title);
        browser.findElement(By.linkText(title)).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".dateline")));
        assertThat(browser.findElement(By.cssSelector(".dateline")).getText()).isEqualTo("LEIPZIG (Depesche) –");
    }
}
