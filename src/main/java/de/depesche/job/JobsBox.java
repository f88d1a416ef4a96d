package de.depesche.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.depesche.site.ArticlePagePart;
import org.springframework.stereotype.Component;

/** The "Stellenangebote" box beside articles: a few current jobs, each offer once. */
@Component
class JobsBox implements ArticlePagePart {

    private final JobListings jobs;

    JobsBox(JobListings jobs) {
        this.jobs = jobs;
    }

    @Override
    public Slot slot() {
        return Slot.SIDEBAR;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Rendered> render(ArticleOnPage article) {
        List<JobListing> current = jobs.newestDistinct(jobs.boxSize());
        if (current.isEmpty()) {
            // No empty box; when the first job arrives, JobListings also evicts the article pages ("list").
            return Optional.empty();
        }
        return Optional.of(new Rendered("job/parts", "box", Map.of("jobs", current), Set.of(JobListings.CACHE_TAG)));
    }
}
