package de.depesche.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import de.depesche.site.InvalidInput;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class NewsroomAccountsTest extends IntegrationTest {

    @Autowired
    AccountManagement accounts;

    @Test
    void theNewsroomNeedsASignIn() {
        HttpResponse<String> r = get("/admin/articles");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
        assertThat(get("/admin/login").headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void theSignInPageShowsNoNewsroomNavigationToStrangers() {
        var page = new StaffSession(port).page("/admin/login");
        assertThat(page.select(".nr-nav, .nr-user")).isEmpty();
        assertThat(page.select("form button[type=submit]")).hasSize(1);
    }

    @Test
    void theFirstAdminComesFromTheEnvironment() {
        StaffMember admin = accounts.findByEmail(TestDatabase.ADMIN_EMAIL).orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        StaffSession session = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        assertThat(session.page("/admin").select(".nr-nav a").eachText()).contains("Artikel", "Einstellungen", "Mitarbeitende");
    }

    @Test
    void aWrongPasswordSaysSoAndRepeatedFailuresPauseSignIn() {
        StaffMember victim = data.staff(Role.EDITOR);
        StaffSession attacker = new StaffSession(port);
        HttpResponse<String> wrong = attacker.login(victim.email(), "falsch");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login?error");
        assertThat(attacker.follow(wrong).select(".problems").text()).isEqualTo("E-Mail-Adresse oder Passwort stimmen nicht.");
        for (int i = 0; i < 5; i++) {
            attacker.login(victim.email(), "falsch-" + i);
        }
        HttpResponse<String> blocked = attacker.login(victim.email(), de.depesche.support.TestData.STAFF_PASSWORD);
        assertThat(blocked.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login?blocked");
        assertThat(attacker.follow(blocked).select(".problems").text()).contains("Zu viele fehlgeschlagene Anmeldungen");
    }

    @Test
    void signingInGivesANewSessionIdAndTheOldOneIsWorthNothing() {
        StaffSession session = new StaffSession(port);
        session.page("/admin/login");
        String before = session.cookie("SESSION").orElseThrow();
        HttpResponse<String> signedIn = session.login(TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        String after = session.cookie("SESSION").orElseThrow();
        assertThat(after).isNotEqualTo(before);

        // Whoever planted or read the id before the sign-in gets the sign-in page, not the newsroom.
        HttpResponse<String> withOld = get("/admin/articles", "Cookie", "SESSION=" + before);
        assertThat(withOld.statusCode()).isEqualTo(302);
        assertThat(withOld.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
        HttpResponse<String> withNew = get("/admin/articles", "Cookie", "SESSION=" + after);
        assertThat(withNew.statusCode()).isEqualTo(200);
    }

    @Test
    void adminsAddStaffAndBadInputIsExplained() {
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        admin.page("/admin/staff");
        HttpResponse<String> bad = admin.post("/admin/staff", Map.of("email", "keine-adresse", "displayName", "<b>Max</b>",
                "role", "EDITOR", "password", "kurz"));
        Document page = org.jsoup.Jsoup.parse(bad.body());
        assertThat(page.select(".problems li").eachText()).contains("Bitte eine gültige E-Mail-Adresse angeben.",
                "Das Passwort muss mindestens 12 Zeichen lang sein.", "Enthält unzulässige Steuerzeichen.");
        assertThat(page.select("#email").val()).isEqualTo("keine-adresse");

        String email = "neu-" + System.nanoTime() + "@test.depesche.local";
        HttpResponse<String> ok = admin.post("/admin/staff", Map.of("email", email, "displayName", "Jana Neumann",
                "role", "MODERATOR", "password", "ein-langes-passwort"));
        assertThat(admin.follow(ok).select(".notice").text()).isEqualTo("Jana Neumann wurde angelegt.");
        assertThat(accounts.findByEmail(email).orElseThrow().role()).isEqualTo(Role.MODERATOR);
        HttpResponse<String> again = admin.post("/admin/staff", Map.of("email", email.toUpperCase(), "displayName", "Doppelt",
                "role", "AUTHOR", "password", "ein-langes-passwort"));
        assertThat(org.jsoup.Jsoup.parse(again.body()).select(".problems li").eachText())
                .contains("Für diese E-Mail-Adresse gibt es schon ein Konto.");
    }

    private static List<String> problems(Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return e.problems().stream().map(p -> p.field() + ":" + p.messageKey()).toList();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        StaffPrincipal admin = data.admin();
        // While another admin is left, an admin may become an editor …
        StaffMember second = data.staff(Role.ADMIN);
        accounts.updateProfile(second.id(), second.displayName(), Role.EDITOR, "", true, admin);
        assertThat(accounts.find(second.id()).orElseThrow().role()).isEqualTo(Role.EDITOR);

        // … but not the last one: make the first admin the only one, then try.
        accounts.all().stream().filter(m -> m.role() == Role.ADMIN && m.enabled() && m.id() != admin.id())
                .forEach(m -> accounts.updateProfile(m.id(), m.displayName(), Role.EDITOR, "", true, admin));
        assertThat(accounts.all().stream().filter(m -> m.role() == Role.ADMIN && m.enabled())).hasSize(1);

        assertThat(problems(() -> accounts.updateProfile(admin.id(), "Administration", Role.EDITOR, "", true, admin)))
                .containsExactly("role:staff.lastAdmin");
        assertThat(problems(() -> accounts.updateProfile(admin.id(), "Administration", Role.ADMIN, "", false, admin)))
                .containsExactly("role:staff.lastAdmin");
        StaffMember still = accounts.find(admin.id()).orElseThrow();
        assertThat(still.role()).isEqualTo(Role.ADMIN);
        assertThat(still.enabled()).isTrue();
    }

    @Test
    void apiTokensAreShownOnceAndCanBeRevoked() {
        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), de.depesche.support.TestData.STAFF_PASSWORD);
        session.page("/admin/tokens");
        Document issued = org.jsoup.Jsoup.parse(session.post("/admin/tokens", Map.of("name", "Redaktionsskript")).body());
        String secret = issued.select(".token").text();
        assertThat(secret).startsWith("dp_");
        assertThat(api("GET", "/api/v1/articles", null, secret).statusCode()).isEqualTo(200);
        assertThat(session.page("/admin/tokens").select(".token")).isEmpty();

        long id = accounts.apiTokens(editor.id()).getFirst().id();
        session.post("/admin/tokens/" + id + "/revoke", Map.of());
        assertThat(api("GET", "/api/v1/articles", null, secret).statusCode()).isEqualTo(401);
    }

    @Test
    void aBusyApiScriptDoesNotWriteLastUsedOnEveryCall() {
        StaffMember editor = data.staff(Role.EDITOR);
        String secret = accounts.issueApiToken(editor.id(), "Fleißiges Skript").secret();
        assertThat(accounts.apiTokens(editor.id()).getFirst().lastUsedAt()).isNull();
        assertThat(api("GET", "/api/v1/articles?size=1", null, secret).statusCode()).isEqualTo(200);
        var firstUse = accounts.apiTokens(editor.id()).getFirst().lastUsedAt();
        assertThat(firstUse).isNotNull();
        for (int i = 0; i < 5; i++) {
            assertThat(api("GET", "/api/v1/articles?size=1", null, secret).statusCode()).isEqualTo(200);
        }
        assertThat(accounts.apiTokens(editor.id()).getFirst().lastUsedAt()).isEqualTo(firstUse);
    }

    @Test
    void everyDecisionIsInTheAuditLog() {
        var article = data.published(unique("Protokolliert"));
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        Document audit = admin.page("/admin/audit");
        assertThat(audit.select("tbody tr").eachText()).anyMatch(row -> row.contains("Artikel veröffentlicht") && row.contains(article.title()));
    }
}
