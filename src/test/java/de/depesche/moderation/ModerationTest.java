package de.depesche.moderation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentStatus;
import de.depesche.comment.CommentSubmission;
import de.depesche.comment.RejectionReason;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteSecrets;
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
        desk.ban(List.of(c.id()), BanKind.EMAIL, RejectionReason.DEMEANING, data.admin());
        assertThat(comments.find(c.id()).orElseThrow().status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(comments.find(c.id()).orElseThrow().rejectionReason()).isEqualTo(RejectionReason.DEMEANING);
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Troll", email.toUpperCase(),
                "Zweiter Ausfall", false, true), "192.0.2.201"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.banned");
        Ban ban = desk.bans().stream().filter(b -> b.label().startsWith("t…") && b.liftedAt() == null
                && b.reason().equals("DEMEANING")).findFirst().orElseThrow();
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

    /** A network of its own, so that banning it touches no other test (they post from 127.0.0.1). */
    private static String uniqueNetwork() {
        long n = System.nanoTime();
        return "2001:db8:" + Long.toHexString(n & 0xffff) + ":" + Long.toHexString((n >> 16) & 0xffff) + "::7";
    }

    @Test
    void whenTwoModeratorsApproveTheSameCommentOnlyOneDecisionIsLoggedAndTheOtherIsTold() {
        Article article = data.published(unique("Doppelt"));
        Comment c = pending(article, "Zwei Moderatoren sehen diesen Kommentar gleichzeitig.");
        StaffSession first = moderator();
        StaffSession second = moderator();
        first.page("/admin/moderation?sort=oldest");
        second.page("/admin/moderation?sort=oldest");

        Document firstAnswer = first.follow(first.post("/admin/moderation", Map.of("single", "approve:" + c.id(), "sort", "oldest")));
        assertThat(firstAnswer.select(".notice").text()).isEqualTo("1 Kommentar(e) freigeschaltet.");
        Document secondAnswer = second.follow(second.post("/admin/moderation", Map.of("single", "approve:" + c.id(), "sort", "oldest")));
        assertThat(secondAnswer.select(".notice")).isEmpty();
        assertThat(secondAnswer.select(".problems li").text())
                .isEqualTo("1 Kommentar(e) hatte schon jemand anders entschieden; daran wurde nichts geändert.");
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("APPROVED");
        assertThat(desk.approve(List.of(c.id()), data.admin())).isEqualTo(new ModerationDesk.Outcome(0, 1, java.util.Set.of()));
        assertThat(desk.decisionsFor(c.id())).hasSize(1);
    }

    @Test
    void aDeletedCommentCannotBeApprovedAndNothingIsLogged() {
        Article article = data.published(unique("Gelöscht bleibt gelöscht"));
        Comment c = pending(article, "Dieser Kommentar wird gelöscht und soll es bleiben.");
        desk.delete(List.of(c.id()), RejectionReason.SPAM, data.admin());
        StaffSession moderator = moderator();
        moderator.page("/admin/moderation");
        Document answer = moderator.follow(moderator.post("/admin/moderation", Map.of("single", "approve:" + c.id())));
        assertThat(answer.select(".notice")).isEmpty();
        assertThat(answer.select(".problems li").text()).contains("gelöscht", "nicht mehr freigeschaltet");
        assertThat(comments.find(c.id()).orElseThrow().status()).isEqualTo(CommentStatus.DELETED);
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("DELETED");
        assertThat(desk.reject(List.of(c.id()), RejectionReason.OTHER, data.admin()).refusals()).containsExactly("comment.decision.deleted");
        assertThatThrownBy(() -> desk.edit(c.id(), "Neuer Text", false, data.admin()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.decision.deleted");
        assertThat(desk.decisionsFor(c.id())).hasSize(1);
        assertThat(Jsoup.parse(get(article.path()).body()).select("#kommentar-" + c.id())).isEmpty();
    }

    @Test
    void deletingFromTheQueueKeepsTheReasonPickedForThatComment() {
        Article article = data.published(unique("Löschen mit Grund"));
        Comment c = pending(article, "Billige Uhren hier, nur heute, schreib mir!");
        Comment other = pending(article, "Ein ganz normaler Beitrag daneben.");
        StaffSession moderator = moderator();
        moderator.page("/admin/moderation");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("single", "delete:" + c.id());
        form.put("reason-" + c.id(), "SPAM");
        form.put("reason-" + other.id(), "OFF_TOPIC");
        form.put("batchReason", "OTHER");
        assertThat(moderator.follow(moderator.post("/admin/moderation", form)).select(".notice").text())
                .isEqualTo("1 Kommentar(e) gelöscht.");
        Comment deleted = comments.find(c.id()).orElseThrow();
        assertThat(deleted.status()).isEqualTo(CommentStatus.DELETED);
        assertThat(deleted.rejectionReason()).isEqualTo(RejectionReason.SPAM);
        assertThat(desk.decisionsFor(c.id())).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo("DELETED");
            assertThat(d.reason()).isEqualTo("SPAM");
        });
        assertThat(moderator.page("/admin/moderation/log").select("tbody tr").eachText())
                .anyMatch(row -> row.contains("gelöscht") && row.contains("Werbung/Spam") && row.contains("#" + c.id()));
        assertThat(comments.find(other.id()).orElseThrow().status()).isEqualTo(CommentStatus.PENDING);
    }

    @Test
    void aNetworkBanFromTheQueueRecordsTheChosenReasonAndTheBansPageTranslatesIt() {
        Article article = data.published(unique("Netzsperre"));
        String network = uniqueNetwork();
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Störer", "stoerer-" + System.nanoTime() + "@example.org",
                "Ihr seid doch alle komplett bescheuert hier.", false, true), network);
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.queue(null, true, 1000, 0).stream()
                .anyMatch(i -> i.comment().id() == c.id()));
        StaffSession moderator = moderator();
        moderator.page("/admin/moderation");
        HttpResponse<String> r = moderator.post("/admin/moderation", Map.of("single", "ban-network:" + c.id(),
                "reason-" + c.id(), "DEMEANING"));
        assertThat(moderator.follow(r).select(".notice").text()).isEqualTo("1 Netz(e) gesperrt, Kommentar(e) abgelehnt.");
        Comment rejected = comments.find(c.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(CommentStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo(RejectionReason.DEMEANING);
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action, Decision::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BANNED_NETWORK", "DEMEANING"),
                        org.assertj.core.groups.Tuple.tuple("REJECTED", "DEMEANING"));
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Störer", "neu-" + System.nanoTime() + "@example.org",
                "Jetzt mit neuer Adresse, gleiches Netz.", false, true), network))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.banned");

        Document bans = moderator.page("/admin/moderation/bans");
        String label = c.networkHash().substring(0, 8) + "…";
        var row = bans.select("tbody tr").stream().filter(tr -> tr.text().contains(label)).findFirst().orElseThrow();
        assertThat(row.text()).contains("Netz", "herabsetzend").doesNotContain("DEMEANING");

        // Banning again changes nothing and logs nothing.
        desk.ban(List.of(c.id()), BanKind.NETWORK, RejectionReason.SPAM, data.admin());
        assertThat(desk.decisionsFor(c.id())).hasSize(2);
        desk.bans().stream().filter(b -> b.label().equals(label) && b.liftedAt() == null)
                .forEach(b -> desk.liftBan(b.id(), data.admin()));
    }

    @Autowired
    JdbcModerationRepository repository;

    @Autowired
    ArticleManagement articleManagement;

    @Autowired
    SiteSecrets secrets;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    /** Sets a queued comment's stored scores as if the assistant had said so (flags stored for the default thresholds). */
    private void scores(Comment c, double offTopic, double demeaning, double spam) {
        jdbc.sql("update moderation_queue set off_topic = :o, demeaning = :d, spam = :s, flags = '', risk = 0 where comment_id = :id")
                .param("o", offTopic).param("d", demeaning).param("s", spam).param("id", c.id()).update();
    }

    @Test
    void aChangedThresholdReflagsAndResortsTheWaitingQueueWithoutScoringAgain() {
        Article article = data.published(unique("Schwellen"));
        Comment nearSpam = pending(article, "Ein Kommentar knapp unter der Spam-Schwelle.");
        Comment offTopic = pending(article, "Ein Kommentar knapp über der Themen-Schwelle.");
        scores(nearSpam, 0.1, 0.1, 0.45);
        scores(offTopic, 0.6, 0.1, 0.1);
        java.util.Set<Long> ours = java.util.Set.of(nearSpam.id(), offTopic.id());

        List<QueueItem> before = desk.queue(null, false, 1000, 0).stream().filter(i -> ours.contains(i.comment().id())).toList();
        assertThat(before).extracting(i -> i.comment().id()).containsExactly(offTopic.id(), nearSpam.id());
        assertThat(before.getFirst().assessment().isFlagged(RiskAssessment.Label.OFF_TOPIC)).isTrue();
        assertThat(desk.queue(RiskAssessment.Label.SPAM, false, 1000, 0)).extracting(i -> i.comment().id()).doesNotContain(nearSpam.id());

        // After a restart with spam at 0.4 and off-topic at 0.7: the stored scores, judged anew.
        ModerationDesk restarted = new ModerationDesk(repository, comments, articleManagement, secrets,
                new AssistantThresholds(0.7, 0.5, 0.4), clock);
        List<QueueItem> after = restarted.queue(null, false, 1000, 0).stream().filter(i -> ours.contains(i.comment().id())).toList();
        assertThat(after).extracting(i -> i.comment().id()).containsExactly(nearSpam.id(), offTopic.id());
        assertThat(after.getFirst().assessment().isFlagged(RiskAssessment.Label.SPAM)).isTrue();
        assertThat(after.getLast().assessment().isFlagged(RiskAssessment.Label.OFF_TOPIC)).isFalse();
        assertThat(after.getFirst().assessment().risk()).isEqualTo(0.725, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(restarted.queue(RiskAssessment.Label.SPAM, false, 1000, 0)).extracting(i -> i.comment().id())
                .contains(nearSpam.id()).doesNotContain(offTopic.id());
        assertThat(restarted.queue(RiskAssessment.Label.OFF_TOPIC, false, 1000, 0)).extracting(i -> i.comment().id())
                .doesNotContain(offTopic.id());
        assertThat(restarted.item(nearSpam.id()).orElseThrow().assessment().isFlagged(RiskAssessment.Label.SPAM)).isTrue();
    }

    @Test
    void theLabelFilterOverHttpShowsOnlyWhatIsFlaggedForIt() {
        Article article = data.published(unique("Filter über HTTP"), "BERLIN", "Der Stadtrat hat über neue Radwege beraten.");
        Comment calm = pending(article, "Die neuen Radwege sind eine gute Idee, finde ich.");
        Comment insult = pending(article, "Halt die Fresse, du dummer Vollidiot, du hast doch keine Ahnung.");
        StaffSession moderator = moderator();
        Document demeaning = moderator.page("/admin/moderation?filter=DEMEANING");
        assertThat(demeaning.select("#q-" + insult.id())).hasSize(1);
        assertThat(demeaning.select("#q-" + calm.id())).isEmpty();
        assertThat(demeaning.select("select#filter option[selected]").attr("value")).isEqualTo("DEMEANING");
        assertThat(demeaning.select(".meta").first().text()).contains(desk.pendingCount(RiskAssessment.Label.DEMEANING) + " Kommentare warten");
        Document all = moderator.page("/admin/moderation?filter=");
        assertThat(all.select("#q-" + calm.id())).hasSize(1);
        assertThat(moderator.page("/admin/moderation?filter=UNSINN").select("select#filter option[selected]")).isEmpty();
    }

    @Test
    void moderatorsReadTheAssistantsFeatureCodesInWordsTheApiKeepsThem() {
        Article article = data.published(unique("Merkmale"), "BERLIN", "Der Landtag hat den Haushalt beschlossen.");
        Comment spam = pending(article, "Billig kaufen: https://a.example/1 https://b.example/2 https://c.example/3 schreib mir!");
        Document queue = moderator().page("/admin/moderation?sort=oldest");
        var reasons = queue.select("#q-" + spam.id() + " .assessment .reason");
        assertThat(reasons.eachText()).contains("3 Link(s)").noneMatch(r -> r.startsWith("links:") || r.startsWith("article-overlap:"));
        assertThat(reasons.eachText()).anyMatch(r -> r.startsWith("Überschneidung mit dem Artikel: ") && r.endsWith(" %"));
        assertThat(reasons.eachAttr("title")).contains("links:3");
        assertThat(reasons.eachText()).anyMatch(r -> r.startsWith("„") && r.endsWith("“"));
    }

    @Test
    void theBatchBarDeletesAndBansToo() {
        Article article = data.published(unique("Stapel löschen"));
        Comment a = pending(article, "Erster Kommentar für das Löschen im Stapel");
        Comment b = pending(article, "Zweiter Kommentar für das Löschen im Stapel");
        String network = uniqueNetwork();
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Netz", "netz-" + System.nanoTime() + "@example.org",
                "Ein Kommentar aus einem Netz, das gesperrt wird.", false, true), network);
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.queue(null, true, 1000, 0).stream()
                .anyMatch(i -> i.comment().id() == c.id()));
        StaffSession moderator = moderator();
        Document queue = moderator.page("/admin/moderation");
        assertThat(queue.select(".batch button").eachAttr("value")).containsExactly("approve", "reject", "delete", "ban-email", "ban-network");

        HttpResponse<String> deleted = moderator.post("/admin/moderation?ids=" + a.id() + "&ids=" + b.id(),
                Map.of("batch", "delete", "batchReason", "OFF_TOPIC"));
        assertThat(moderator.follow(deleted).select(".notice").text()).isEqualTo("2 Kommentar(e) gelöscht.");
        assertThat(List.of(comments.find(a.id()).orElseThrow(), comments.find(b.id()).orElseThrow()))
                .allSatisfy(x -> {
                    assertThat(x.status()).isEqualTo(CommentStatus.DELETED);
                    assertThat(x.rejectionReason()).isEqualTo(RejectionReason.OFF_TOPIC);
                });

        HttpResponse<String> banned = moderator.post("/admin/moderation?ids=" + c.id(), Map.of("batch", "ban-network", "batchReason", "SPAM"));
        assertThat(moderator.follow(banned).select(".notice").text()).isEqualTo("1 Netz(e) gesperrt, Kommentar(e) abgelehnt.");
        assertThat(comments.find(c.id()).orElseThrow().rejectionReason()).isEqualTo(RejectionReason.SPAM);
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("BANNED_NETWORK", "REJECTED");
        desk.bans().stream().filter(x -> x.label().equals(c.networkHash().substring(0, 8) + "…") && x.liftedAt() == null)
                .forEach(x -> desk.liftBan(x.id(), data.admin()));
    }

    @Test
    void aModeratorSwitchesTheReminderMailOffForThemselvesOnly() {
        Article article = data.published(unique("Ruhe bitte"));
        pending(article, "Wartet, aber nicht jeder will davon hören");
        StaffMember quiet = data.staff(Role.MODERATOR);
        StaffMember other = data.staff(Role.MODERATOR);
        StaffSession session = StaffSession.signedIn(port, quiet.email(), TestData.STAFF_PASSWORD);
        Document queue = session.page("/admin/moderation");
        assertThat(queue.select("#erinnerungen input[name=on]").hasAttr("checked")).isTrue();
        Document off = session.follow(session.post("/admin/moderation/erinnerungen", Map.of()));
        assertThat(off.select(".notice").text()).isEqualTo("Sie bekommen keine E-Mails mehr, wenn Kommentare warten.");
        assertThat(off.select("#erinnerungen input[name=on]").hasAttr("checked")).isFalse();

        reminder.remind();
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMail.to(other.email()).isEmpty());
        assertThat(TestMail.text(TestMail.to(other.email()).getFirst())).contains("/admin/moderation#erinnerungen");
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(TestMail.to(quiet.email())).isEmpty();

        Document on = session.follow(session.post("/admin/moderation/erinnerungen", Map.of("on", "true")));
        assertThat(on.select("#erinnerungen input[name=on]").hasAttr("checked")).isTrue();
    }

    @Test
    void anEditOverAColleaguesNewerEditIsRefusedAndKeepsTheModeratorsText() {
        Article article = data.published(unique("Zwei Bearbeiter"));
        Comment c = pending(article, "Der ursprüngliche Text mit einer Nummer 0171 1234567.");
        StaffSession slow = moderator();
        Document form = slow.page("/admin/moderation/" + c.id());
        assertThat(form.select("input[name=seen]").val()).isEqualTo(c.text());
        desk.edit(c.id(), "Der ursprüngliche Text mit einer Nummer [entfernt].", false, data.admin());

        HttpResponse<String> late = slow.post("/admin/moderation/" + c.id(), Map.of("text", "Der ursprüngliche Text, gekürzt.",
                "seen", form.select("input[name=seen]").val(), "approve", "true"));
        Document answer = Jsoup.parse(late.body());
        assertThat(answer.select(".problems li").text()).contains("Jemand anderes hat diesen Kommentar gerade geändert");
        assertThat(answer.select("textarea[name=text]").val()).isEqualTo("Der ursprüngliche Text, gekürzt.");
        Comment now = comments.find(c.id()).orElseThrow();
        assertThat(now.text()).isEqualTo("Der ursprüngliche Text mit einer Nummer [entfernt].");
        assertThat(now.status()).as("nothing of the refused step happened").isEqualTo(CommentStatus.PENDING);
        assertThat(desk.decisionsFor(c.id())).extracting(Decision::action).containsExactly("EDITED");
    }
}
