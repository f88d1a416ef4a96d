package de.depesche.site;

import java.net.http.HttpResponse;

import de.depesche.support.IntegrationTest;
import de.depesche.support.TestData;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What readers and operators get when something breaks inside Depesche. */
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesTest extends IntegrationTest {

    @Test
    void aFailureShowsAGermanErrorPageAndIsLoggedForTheOperator(CapturedOutput output) {
        HttpResponse<String> response = get(TestData.FAILING_PATH);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("html").attr("lang")).isEqualTo("de");
        assertThat(page.select("h1").text()).isEqualTo("Bei uns ist etwas schiefgegangen");
        assertThat(page.select(".error-page").text()).contains("Der Fehler wurde protokolliert");
        assertThat(page.select("a[href=/]")).isNotEmpty();
        assertThat(response.body()).doesNotContain("IllegalStateException", "on purpose", "at de.depesche");
        assertThat(output.getAll()).contains("Request to " + TestData.FAILING_PATH + " failed with 500")
                .contains("a failure on purpose");

        Document english = Jsoup.parse(get(TestData.FAILING_PATH + "?lang=en").body());
        assertThat(english.select("h1").text()).isEqualTo("Something went wrong on our side");
    }
}
