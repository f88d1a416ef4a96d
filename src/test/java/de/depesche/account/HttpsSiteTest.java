package de.depesche.account;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A site whose public address is https, behind a proxy that does not forward the scheme. */
@TestPropertySource(properties = "depesche.base-url=https://zeitung.example")
class HttpsSiteTest extends IntegrationTest {

    @Test
    void theSessionCookieIsSecureAndEveryAnswerAsksForHttps() throws Exception {
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(url("/"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

        StaffSession browser = new StaffSession(port);
        browser.page("/admin/login");
        HttpResponse<String> signedIn = browser.post("/admin/login",
                Map.of("email", TestDatabase.ADMIN_EMAIL, "password", TestDatabase.ADMIN_PASSWORD));
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("SESSION=").contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax"));
    }
}
