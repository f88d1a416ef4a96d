package de.depesche.browser;

import java.time.Duration;
import java.util.List;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentStatus;
import de.depesche.comment.CommentSubmission;
import de.depesche.comment.RejectionReason;
import de.depesche.moderation.ModerationDesk;
import de.depesche.support.TestData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A moderator works the queue with the keys the page names: j/k to move, a to approve, r to reject. */
class ModerationKeyboardTest extends BrowserTest {

    @Autowired
    CommentManagement comments;

    @Autowired
    ModerationDesk desk;

    private Comment pending(Article article, String text) {
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Tastatur", "taste-" + System.nanoTime() + "@example.org",
                text, false, true), "192.0.2." + (System.nanoTime() % 250));
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.queue(null, true, 1000, 0).stream()
                .anyMatch(i -> i.comment().id() == c.id()));
        return c;
    }

    private void press(String key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Presses j (or k) until the comment is the current one, as a moderator would. */
    private void moveTo(Comment c) {
        for (int i = 0; i < 200; i++) {
            WebElement current = browser.findElement(By.cssSelector(".queue-item.current"));
            if (current.getAttribute("id").equals("q-" + c.id())) {
                return;
            }
            press("j");
        }
        throw new AssertionError("comment " + c.id() + " never became the current one");
    }

    /**
     * Waits for the page after the action to show this notice. The page before may still show the
     * previous action's notice, and it goes away under the test's hands as the new page loads.
     */
    private void waitForNotice(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(n -> n.getText().equals(text)));
    }

    @Test
    void aModeratorApprovesAndRejectsWithTheKeyboard() {
        Article article = data.published(unique("Tastenkürzel"));
        Comment first = pending(article, "Dieser Kommentar wird mit der Taste a freigeschaltet.");
        Comment second = pending(article, "Dieser Kommentar wird mit der Taste r abgelehnt.");
        StaffMember moderator = data.staff(Role.MODERATOR);

        browser.get(url("/admin/login"));
        browser.findElement(By.id("email")).sendKeys(moderator.email());
        browser.findElement(By.id("password")).sendKeys(TestData.STAFF_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/admin"));

        browser.get(url("/admin/moderation?sort=oldest"));
        assertThat(browser.findElement(By.cssSelector(".hint")).getText()).contains("j/k", "a freischalten", "r ablehnen");
        List<WebElement> items = browser.findElements(By.cssSelector(".queue-item"));
        assertThat(items.getFirst().getAttribute("class")).contains("current");
        moveTo(first);
        press("j");
        assertThat(browser.findElement(By.cssSelector(".queue-item.current")).getAttribute("id")).isEqualTo("q-" + second.id());
        press("k");
        assertThat(browser.findElement(By.cssSelector(".queue-item.current")).getAttribute("id")).isEqualTo("q-" + first.id());
        press("a");
        waitForNotice("1 Kommentar(e) freigeschaltet.");
        assertThat(comments.find(first.id()).orElseThrow().status()).isEqualTo(CommentStatus.APPROVED);

        moveTo(second);
        new Select(browser.findElement(By.id("reason-" + second.id()))).selectByValue("DEMEANING");
        // Back from the menu to the comment: the keys work where the moderator is not typing.
        browser.findElement(By.cssSelector("#q-" + second.id() + " .queue-text")).click();
        press("r");
        waitForNotice("1 Kommentar(e) abgelehnt.");
        Comment rejected = comments.find(second.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo(RejectionReason.DEMEANING);
    }
}
