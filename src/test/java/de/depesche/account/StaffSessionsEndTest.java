package de.depesche.account;

import java.net.http.HttpResponse;
import java.util.Map;

import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A change to a staff member's account ends the sessions that still carry the old rights. */
class StaffSessionsEndTest extends IntegrationTest {

    @Autowired
    AccountManagement accounts;

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    @Test
    void aDisabledEditorsOpenSessionGetsTheSignInPage() {
        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        assertThat(session.get("/admin/jobs").statusCode()).isEqualTo(200);

        accounts.updateProfile(editor.id(), editor.displayName(), Role.EDITOR, "", false, data.admin());

        HttpResponse<String> after = session.get("/admin/jobs");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).endsWith("/admin/login");
        assertThat(location(session.get("/admin"))).endsWith("/admin/login");
    }

    @Test
    void aDemotedEditorLosesTheEditorsPagesAtOnce() {
        StaffMember editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        assertThat(session.get("/admin/jobs").statusCode()).isEqualTo(200);

        accounts.updateProfile(editor.id(), editor.displayName(), Role.AUTHOR, "", true, data.admin());

        assertThat(location(session.get("/admin/jobs"))).endsWith("/admin/login");
        StaffSession again = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        assertThat(again.get("/admin").statusCode()).isEqualTo(200);
        assertThat(again.get("/admin/jobs").statusCode()).isEqualTo(403);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsTheOneThatChangedIt() {
        StaffMember author = data.staff(Role.AUTHOR);
        StaffSession laptop = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        StaffSession phone = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);

        laptop.page("/admin/password");
        HttpResponse<String> changed = laptop.post("/admin/password",
                Map.of("currentPassword", TestData.STAFF_PASSWORD, "newPassword", "ein-ganz-neues-passwort"));
        assertThat(location(changed)).endsWith("/admin/password");

        assertThat(laptop.get("/admin").statusCode()).isEqualTo(200);
        assertThat(location(phone.get("/admin"))).endsWith("/admin/login");
    }

    @Test
    void signingOutEverywhereEndsEverySession() {
        StaffMember author = data.staff(Role.AUTHOR);
        StaffSession laptop = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        StaffSession phone = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);

        var page = laptop.page("/admin/password");
        assertThat(page.select("form.sign-out-everywhere button").text()).isEqualTo("Überall abmelden");
        HttpResponse<String> out = laptop.post("/admin/sessions/end-all", Map.of());
        assertThat(location(out)).endsWith("/admin/login?logout");

        assertThat(location(laptop.get("/admin"))).endsWith("/admin/login");
        assertThat(location(phone.get("/admin"))).endsWith("/admin/login");
        // signing in again works as usual
        assertThat(StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD).get("/admin").statusCode()).isEqualTo(200);
    }
}
