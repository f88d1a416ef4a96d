package de.depesche.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest extends IntegrationTest {

    /** Spellings of the sign-in path that a servlet container may map to the login filter. */
    static final List<String> SPELLINGS = List.of("/admin/login", "/admin/%6Cogin", "/admin//login", "/admin/./login",
            "/admin/login;jsessionid=0123456789ABCDEF", "/admin/login/", "/admin/%6c%6f%67%69%6e");

    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void forgetFailures() {
        // every attempt here comes from 127.0.0.1; other tests sign in from there too
        throttle.forgetAll();
    }

    @Test
    void everySpellingOfTheSignInPathIsCountedAndPaused() {
        for (String path : SPELLINGS) {
            StaffMember victim = data.staff(Role.EDITOR);
            StaffSession attacker = new StaffSession(port);
            attacker.page("/admin/login");
            int reachedPasswordCheck = 0;
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> r = attacker.post(path, Map.of("email", victim.email(), "password", "falsch-" + i));
                String location = r.headers().firstValue("Location").orElse("");
                assertThat(location).as(path).doesNotEndWith("/admin");
                if (location.endsWith("/admin/login?error")) {
                    reachedPasswordCheck++;
                }
            }
            assertThat(reachedPasswordCheck).as("wrong passwords checked via " + path).isLessThanOrEqualTo(5);
            HttpResponse<String> right = attacker.post(path, Map.of("email", victim.email(), "password", TestData.STAFF_PASSWORD));
            assertThat(right.headers().firstValue("Location").orElse("")).as(path).doesNotEndWith("/admin");
            if (reachedPasswordCheck > 0) {
                // the failures counted for the account: even the usual path is paused now
                assertThat(right.headers().firstValue("Location").orElse("")).as(path).endsWith("/admin/login?blocked");
                HttpResponse<String> plain = new StaffSession(port).login(victim.email(), TestData.STAFF_PASSWORD);
                assertThat(plain.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/admin/login?blocked");
            }
            throttle.forgetAll();
            assertThat(new StaffSession(port).login(victim.email(), TestData.STAFF_PASSWORD).headers()
                    .firstValue("Location").orElseThrow()).endsWith("/admin");
        }
    }

    @Test
    void anIpv6AddressCountsByItsNetwork() {
        assertThat(LoginThrottle.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(LoginThrottle.network("2001:db8:1:2::1"))
                .isNotEqualTo(LoginThrottle.network("2001:db8:1:3::1"));
        assertThat(LoginThrottle.network("192.0.2.7")).isEqualTo("192.0.2.7").isNotEqualTo(LoginThrottle.network("192.0.2.8"));
    }
}
