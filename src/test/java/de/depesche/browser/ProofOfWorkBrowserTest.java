package de.depesche.browser;

import java.time.Duration;

import de.depesche.article.Article;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With proof-of-work on, a reader's browser solves the puzzle with the site's own script and the comment arrives. */
@TestPropertySource(properties = "depesche.comments.proof-of-work-bits=12")
class ProofOfWorkBrowserTest extends BrowserTest {

    @Test
    void theBrowserFindsTheCounterAndTheCommentIsAccepted() {
        Article article = data.published(unique("Rechnender Browser"));
        String run = Long.toString(System.nanoTime(), 36);
        browser.get(url(article.path()));
        browser.findElement(By.id("comment-name")).sendKeys("Rita Rechnerin");
        browser.findElement(By.id("comment-email")).sendKeys("rita-" + run + "@example.org");
        browser.findElement(By.id("comment-text")).sendKeys("Mein Browser hat gerechnet " + run + ".");
        browser.findElement(By.id("comment-consent")).click();
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        browser.findElement(By.cssSelector("#kommentar-formular button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("#kommentar-"));
        WebElement own = browser.findElement(By.cssSelector(".comment-pending"));
        assertThat(own.getText()).contains("Mein Browser hat gerechnet " + run);
    }
}
