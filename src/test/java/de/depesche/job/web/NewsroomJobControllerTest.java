package de.depesche.job.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import de.depesche.job.EmploymentType;
import de.depesche.job.JobBoardPage;
import de.depesche.job.JobDraft;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.site.SiteProperties;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The newsroom's job list tells ended jobs by the application's clock, not by the machine's. */
class NewsroomJobControllerTest extends IntegrationTest {

    @Autowired
    JobListings jobs;

    @Autowired
    SiteProperties site;

    @Test
    void theListJudgesEndedJobsByTheInjectedClock() {
        JobListing job = jobs.create(new JobDraft(unique("Stelle im Kalender"), "Uhrverlag", List.of("Zeitz"), false,
                EmploymentType.FULL_TIME, "<p>Pünktlich</p>", "https://jobs.example.org/uhr", null, LocalDate.now().plusDays(5)),
                data.admin());
        Instant later = Instant.now().plusSeconds(30L * 24 * 3600);
        NewsroomJobController controller = new NewsroomJobController(jobs, Clock.fixed(later, ZoneOffset.UTC), site);
        ExtendedModelMap model = new ExtendedModelMap();

        assertThat(controller.list(job.title(), 1, model)).isEqualTo(NewsroomJobController.LIST);
        assertThat(model.get("now")).isEqualTo(later);
        JobListing listed = ((JobBoardPage) model.get("page")).items().getFirst();
        assertThat(listed.isCurrent((Instant) model.get("now"))).as("shown as ended").isFalse();
    }
}
