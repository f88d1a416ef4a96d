package de.depesche.moderation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentStatus;
import de.depesche.comment.CommentSubmission;
import de.depesche.comment.RejectionReason;
import de.depesche.site.InvalidInput;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestMail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ModerationTest extends IntegrationTest {

    @Autowired
    CommentManagement comments;

    @Autowired
    ModerationDesk desk;

    @Autowired
    ModerationReminder reminder;

    private Comment pending(Article article, String text) {
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Leser <b>", "leser-" + System.nanoTime() + "@example.org",
                text, false, true), "192.0.2." + (System.nanoTime() % 250));
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.queue(null, true, 1000, 0).stream()
                .anyMatch(i -> i.comment().id() == c.id()));
        return c;
    }

    private StaffSession moderator() {
        StaffMember m = data.staff(Role.MODERATOR);
        return StaffSession.signedIn(port, m.email(), TestData.STAFF_PASSWORD);
    }

    @Test
    void aModeratorApprovesFromTheQueueAndReadersSeeTheComment() {
        Article article = data.published(unique("Moderiert"));
        Comment c = pending(article, "Ein Kommentar für die Warteschlange.");
        StaffSession moderator = moderator();
        Document queue = moderator.page("/admin/moderation?sort=oldest");
        assertThat(queue.select("#q-" + c.id() + " .queue-text").text()).isEqualTo("Ein Kommentar für die Warteschlange.");
        assertThat(queue.select("#q-" + c.id() + " strong").first().text()).isEqualTo("Leser <b>");
        assertThat(queue.select("#q-" + c.id() + " .queue-head").text()).doesNotContain("leser-").contains("…@example.org");

        HttpResponse<String> decided = moderator.post("/admin/moderation", Map.of("single", "approve:" + c.id(), "sort", "oldest"));
        assertThat(moderator.follow(decided).select(".notice").text()).isEqualTo("1 Kommentar(e) freigeschaltet.");
        assertThat(comments.find(c.id()).orElseThrow().status()).isEqualTo(CommentStatus.APPROVED);
        assertThat(Jsoup.parse(get(article.path()).body()).select("#kommentar-" + c.id())).hasSize(1);
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("APPROVED");
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.queue(null, true, 1000, 0).stream()
                .noneMatch(i -> i.comment().id() == c.id()));
    }

    @Test
    void batchRejectionWithAReasonIsLogged() {
        Article article = data.published(unique("Stapel"));
        Comment a = pending(article, "Erster Beitrag für den Stapel");
        Comment b = pending(article, "Zweiter Beitrag für den Stapel");
        StaffSession moderator = moderator();
        moderator.page("/admin/moderation");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("batch", "reject");
        form.put("batchReason", "OFF_TOPIC");
        HttpResponse<String> r = moderator.post("/admin/moderation?ids=" + a.id() + "&ids=" + b.id(), form);
        assertThat(moderator.follow(r).select(".notice").text()).isEqualTo("2 Kommentar(e) abgelehnt.");
        assertThat(comments.find(a.id()).orElseThrow().rejectionReason()).isEqualTo(RejectionReason.OFF_TOPIC);
        assertThat(comments.find(b.id()).orElseThrow().status()).isEqualTo(CommentStatus.REJECTED);
        Document log = moderator.page("/admin/moderation/log");
        assertThat(log.select("tbody tr").eachText()).anyMatch(row -> row.contains("abgelehnt") && row.contains("nicht zum Thema"));
        HttpResponse<String> none = moderator.post("/admin/moderation", Map.of("batch", "approve"));
        assertThat(moderator.follow(none).select(".problems").text()).contains("mindestens einen Kommentar");
    }

    @Test
    void editedCommentsCarryAVisibleNoteAndTheLogKeepsBeforeAndAfter() {
        Article article = data.published(unique("Bearbeitet"));
        Comment c = pending(article, "Ein Kommentar mit einer Telefonnummer 0171 1234567 darin.");
        StaffSession moderator = moderator();
        moderator.page("/admin/moderation/" + c.id());
        moderator.post("/admin/moderation/" + c.id(), Map.of("text", "Ein Kommentar mit einer Telefonnummer [entfernt] darin.",
                "approve", "true"));
        Document page = Jsoup.parse(get(article.path()).body());
        assertThat(page.select("#kommentar-" + c.id() + " .comment-text").text()).contains("[entfernt]");
        assertThat(page.select("#kommentar-" + c.id() + " .comment-edited").text()).isEqualTo("Von der Redaktion bearbeitet.");
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("EDITED", "APPROVED");
        assertThat(desk.decisionsFor(c.id()).getFirst().beforeText()).contains("0171 1234567");
        Document empty = Jsoup.parse(moderator.post("/admin/moderation/" + c.id(), Map.of("text", "   ")).body());
        assertThat(empty.select(".problems li").text()).contains("Bitte ausfüllen.");
    }

    @Test
    void aBannedAddressCanNoLongerComment() {
        Article article = data.published(unique("Gesperrt"));
        String email = "troll-" + System.nanoTime() + "@example.org";
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Troll", email, "Erster Ausfall", false, true), "192.0.2.200");
        desk.ban(c.id(), BanKind.EMAIL, "wiederholt herabsetzend", data.admin());
        assertThat(comments.find(c.id()).orElseThrow().status()).isEqualTo(CommentStatus.REJECTED);
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Troll", email.toUpperCase(),
                "Zweiter Ausfall", false, true), "192.0.2.201"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.banned");
        Ban ban = desk.bans().stream().filter(b -> b.reason().equals("wiederholt herabsetzend")).findFirst().orElseThrow();
        assertThat(ban.label()).doesNotContain(email).endsWith("@example.org");
        desk.liftBan(ban.id(), data.admin());
        comments.submit(new CommentSubmission(article.id(), null, "Troll", email, "Dritter, sachlicher Versuch", false, true), "192.0.2.202");
    }

    @Test
    void theQueuePutsWhatTheAssistantFlaggedFirstAndSaysWhy() {
        Article article = data.published(unique("Haushaltsdebatte im Bundestag"), "BERLIN",
                "Der Bundestag hat über den Haushalt für das kommende Jahr beraten.");
        Comment calm = pending(article, "Die Debatte über den Haushalt war sachlich, die Zahlen überzeugen mich aber nicht.");
        Comment insult = pending(article, "Du bist ein dummer Idiot und hast keine Ahnung, halt einfach die Klappe.");
        List<QueueItem> queue = desk.queue(null, false, 1000, 0);
        List<Long> order = queue.stream().map(i -> i.comment().id()).toList();
        assertThat(order.indexOf(insult.id())).isLessThan(order.indexOf(calm.id()));
        QueueItem flagged = queue.stream().filter(i -> i.comment().id() == insult.id()).findFirst().orElseThrow();
        assertThat(flagged.assessment().isFlagged(RiskAssessment.Label.DEMEANING)).isTrue();
        assertThat(String.join(" ", flagged.assessment().reasons(RiskAssessment.Label.DEMEANING)).toLowerCase()).contains("idiot");
        Document page = moderator().page("/admin/moderation");
        assertThat(page.select("#q-" + insult.id() + " .assessment .flagged").text()).contains("herabsetzend").contains("idiot");
        assertThat(desk.queue(RiskAssessment.Label.DEMEANING, false, 1000, 0)).extracting(i -> i.comment().id())
                .contains(insult.id()).doesNotContain(calm.id());
    }

    @Test
    void onlyStaffWithModerationRightsSeeTheQueue() {
        StaffMember author = data.staff(Role.AUTHOR);
        StaffSession session = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        assertThat(session.get("/admin/moderation").statusCode()).isEqualTo(403);
        assertThat(moderator().get("/admin/moderation").statusCode()).isEqualTo(200);
    }

    @Test
    void moderatorsAreRemindedOfWaitingComments() {
        Article article = data.published(unique("Erinnerung"));
        pending(article, "Wartet auf jemanden");
        StaffMember m = data.staff(Role.MODERATOR);
        assertThat(reminder.remind()).isGreaterThanOrEqualTo(1);
        reminder.remind();
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMail.to(m.email()).isEmpty());
        assertThat(TestMail.to(m.email())).hasSize(1);
        assertThat(List.of(TestMail.to(m.email()).getFirst())).allSatisfy(mail ->
                assertThat(mail.getSubject()).endsWith("Kommentare warten auf Moderation"));
    }
}
