package de.depesche.job;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import de.depesche.account.AuditLog;
import de.depesche.account.Role;
import de.depesche.account.StaffPrincipal;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The job board: listings entered in the newsroom or imported from feeds, one listing per title +
 * employer + place however often and from wherever it arrives, gone from the board after its end date.
 */
@Service
public class JobListings {

    private static final Logger log = LoggerFactory.getLogger(JobListings.class);

    /** The cache tag of everything that shows jobs. */
    public static final String CACHE_TAG = "jobs";
    public static final int MAX_PAGE = 1_000;
    static final int REJECTIONS_KEPT = 500;
    static final int SOURCE_NAME_MAX = 120;
    /** Ended jobs answer "gone" for this long, then they are deleted. */
    static final Duration KEEP_ENDED = Duration.ofDays(30);

    private final JdbcJobRepository jobs;
    private final JobProperties properties;
    private final FeedFetcher fetcher;
    private final JobFeedParser parser;
    private final SiteChanges changes;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    JobListings(JdbcJobRepository jobs, JobProperties properties, FeedFetcher fetcher, SiteChanges changes, AuditLog audit,
                SiteProperties site, Clock clock, ObjectMapper json, TransactionTemplate tx) {
        this.jobs = jobs;
        this.properties = properties;
        this.fetcher = fetcher;
        this.parser = new JobFeedParser(properties.maxJobsPerFeed());
        this.changes = changes;
        this.audit = audit;
        this.zone = site.timeZone();
        this.clock = clock;
        this.json = json;
        this.tx = tx;
    }

    // --- reading -----------------------------------------------------------------------------------

    /** What a reader gets at /jobs/{id}: the job, the news that it has ended, or nothing. */
    public sealed interface Lookup permits Lookup.Current, Lookup.Ended, Lookup.Missing {
        record Current(JobListing job) implements Lookup {}

        record Ended(JobListing job) implements Lookup {}

        record Missing() implements Lookup {}
    }

    public Lookup lookup(long id) {
        return jobs.find(id)
                .<Lookup>map(j -> j.isCurrent(clock.instant()) ? new Lookup.Current(j) : new Lookup.Ended(j))
                .orElse(new Lookup.Missing());
    }

    public Optional<JobListing> find(long id) {
        return jobs.find(id);
    }

    public JobBoardPage board(JobFilter filter, int page, int size) {
        JdbcJobRepository.Filter f = JdbcJobRepository.Filter.current(clock.instant());
        if (filter.place() != null && !filter.place().isBlank()) {
            f = f.and("exists (select 1 from job_place p where p.job_id = j.id and p.place = :place)", "place", filter.place().strip());
        }
        if (filter.remoteOnly()) {
            f = f.and("j.remote = true");
        }
        if (filter.type() != null) {
            f = f.and("j.employment_type = :type", "type", filter.type().name());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            f = f.and("(lower(j.title) like :text escape '\\' or lower(j.employer) like :text escape '\\')", "text", like(filter.text()));
        }
        return page(f, "j.posted_on desc, j.id desc", page, size);
    }

    /**
     * The newest current jobs, no two alike: also listings that differ only in a place are shown once,
     * so a box never repeats the same offer.
     */
    public List<JobListing> newestDistinct(int count) {
        List<JobListing> picked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int offset = 0;
        while (picked.size() < count && offset < 500) {
            List<JobListing> batch = jobs.list(JdbcJobRepository.Filter.current(clock.instant()),
                    "j.posted_on desc, j.id desc", count * 3, offset);
            for (JobListing j : batch) {
                if (seen.add(JobNormalizer.dedupKey(j.title(), j.employer(), List.of())) && picked.size() < count) {
                    picked.add(j);
                }
            }
            if (batch.size() < count * 3) {
                break;
            }
            offset += batch.size();
        }
        return picked;
    }

    /** The ISO country code of job places, for structured data. */
    public String country() {
        return properties.country();
    }

    public int boxSize() {
        return properties.boxSize();
    }

    public List<String> currentPlaces() {
        return jobs.currentPlaces(clock.instant());
    }

    /** The latest change of any job, for Last-Modified. */
    public Optional<Instant> lastChange() {
        return jobs.lastChange();
    }

    public long currentCount() {
        return jobs.count(JdbcJobRepository.Filter.current(clock.instant()));
    }

    /** Current job pages, oldest first, for sitemaps. */
    public List<JobAddress> currentAddresses(int offset, int limit) {
        return jobs.list(JdbcJobRepository.Filter.current(clock.instant()), "j.id", limit, offset).stream()
                .map(j -> new JobAddress(j.path(), j.updatedAt())).toList();
    }

    /** The newest change among one page of {@link #currentAddresses}, for a sitemap index, without loading the page. */
    public Optional<Instant> newestChangeOfCurrent(int offset, int limit) {
        return jobs.newestChange(JdbcJobRepository.Filter.current(clock.instant()), "j.id", limit, offset);
    }

    /** The newsroom's list: current and ended jobs, newest change first. */
    public JobBoardPage newsroomList(@Nullable String text, int page, int size) {
        JdbcJobRepository.Filter f = JdbcJobRepository.Filter.all();
        if (text != null && !text.isBlank()) {
            f = f.and("(lower(j.title) like :text escape '\\' or lower(j.employer) like :text escape '\\')", "text", like(text));
        }
        return page(f, "j.updated_at desc, j.id desc", page, size);
    }

    // --- the newsroom ------------------------------------------------------------------------------

    @Transactional
    public JobListing create(JobDraft draft, StaffPrincipal by) {
        requireJobDesk(by);
        Checked c = checkedOrThrow(draft, null);
        LocalDate today = today();
        boolean firstJob = currentCount() == 0;
        JdbcJobRepository.Row row = c.row(c.posted() == null || c.posted().isAfter(today) ? today : c.posted(),
                c.end() == null ? defaultEnd(today) : endOf(c.end()));
        long id = jobs.insert(row, JobSourceKind.NEWSROOM, "", clock.instant())
                .orElseThrow(() -> InvalidInput.of("title", "job.duplicate"));
        audit.record(by, "audit.job.created", target(id), row.title());
        recordChange(firstJob);
        return jobs.find(id).orElseThrow();
    }

    /**
     * Saves an edited job. A blank posting date keeps the stored one; a blank end date gives the job
     * the default validity from today. The end date it already had may lie in the past (an ended job
     * can be corrected without reviving it); a new one may not.
     */
    @Transactional
    public JobListing update(long id, JobDraft draft, StaffPrincipal by) {
        requireJobDesk(by);
        JobListing before = jobs.find(id).orElseThrow(() -> InvalidInput.of("", "job.unknown"));
        Checked c = checkedOrThrow(draft, before.lastDay(zone));
        Optional<JobListing> same = jobs.findByKey(c.dedupKey());
        if (same.isPresent() && same.get().id() != id) {
            throw InvalidInput.of("title", "job.duplicate");
        }
        LocalDate today = today();
        LocalDate posted = c.posted() == null ? before.postedOn() : c.posted().isAfter(today) ? today : c.posted();
        JdbcJobRepository.Row row = c.row(posted, c.end() == null ? defaultEnd(today) : endOf(c.end()));
        try {
            jobs.update(id, row, clock.instant());
        } catch (DuplicateKeyException e) {
            throw InvalidInput.of("title", "job.duplicate");
        }
        audit.record(by, "audit.job.updated", target(id), row.title());
        changes.record(CACHE_TAG);
        return jobs.find(id).orElseThrow();
    }

    @Transactional
    public void delete(long id, StaffPrincipal by) {
        requireJobDesk(by);
        JobListing job = jobs.find(id).orElseThrow(() -> InvalidInput.of("", "job.unknown"));
        jobs.delete(id);
        audit.record(by, "audit.job.deleted", target(id), job.title());
        changes.record(CACHE_TAG);
    }

    // --- import ------------------------------------------------------------------------------------

    /**
     * Imports a feed pushed through the API or uploaded in the newsroom. The body is read through the
     * size limit; nothing beyond it is read. Jobs missing from such a feed are left alone: it need not
     * carry every job of its sender.
     *
     * @param contentType the request's content type (its charset names the encoding), or null
     * @param kind        {@link JobSourceKind#API} or {@link JobSourceKind#UPLOAD}
     * @param name        the name the API client gave, or the uploaded file's; empty for none
     */
    public ImportReport importFeed(InputStream body, @Nullable String contentType, JobSourceKind kind, String name,
                                   StaffPrincipal by) {
        requireJobDesk(by);
        if (kind != JobSourceKind.API && kind != JobSourceKind.UPLOAD) {
            throw new IllegalArgumentException("feeds are pushed through the API or uploaded, not " + kind);
        }
        Instant started = clock.instant();
        FeedFormat format = formatOf(contentType);
        JobFeedParser.ParsedFeed feed;
        try {
            feed = parser.parse(new LimitedInputStream(body, properties.maxFeedSize().toBytes()), format,
                    FeedFetcher.charset(contentType));
        } catch (FeedProblem e) {
            feed = new JobFeedParser.ParsedFeed(List.of(), List.of(), e.reason());
        }
        return store(feed, null, kind, name, started, by);
    }

    /** The largest feed accepted, in bytes. */
    public long maxFeedBytes() {
        return properties.maxFeedSize().toBytes();
    }

    /** Fetches and imports one configured source now. */
    public ImportReport importSource(long sourceId, @Nullable StaffPrincipal by) {
        if (by != null) {
            requireJobDesk(by);
        }
        JobSource source = jobs.source(sourceId).orElseThrow(() -> InvalidInput.of("", "job.source.unknown"));
        Instant started = clock.instant();
        jobs.ranSource(source.id(), started, started.plus(Duration.ofHours(source.everyHours())));
        JobFeedParser.ParsedFeed feed;
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(source.url());
            FeedFormat format = source.format() == FeedFormat.AUTO ? formatOf(fetched.contentType()) : source.format();
            feed = parser.parse(fetched.stream(), format, FeedFetcher.charset(fetched.contentType()));
        } catch (FeedProblem e) {
            feed = new JobFeedParser.ParsedFeed(List.of(), List.of(), e.reason());
        }
        return store(feed, source, JobSourceKind.FEED, source.name(), started, by);
    }

    /** Imports every source whose time has come; run by the cluster scheduler on one node. */
    public int importDueSources() {
        int runs = 0;
        for (JobSource source : jobs.dueSources(clock.instant())) {
            try {
                ImportReport report = importSource(source.id(), null);
                log.info("Imported job source \"{}\": {} new, {} updated, {} duplicates, {} ended, {} rejected{}", source.name(),
                        report.created(), report.updated(), report.duplicates(), report.ended(), report.rejected().size(),
                        report.failure() == null ? "" : ", failure " + report.failure().messageKey());
                runs++;
            } catch (RuntimeException e) {
                log.warn("Import of job source \"{}\" failed: {}", source.name(), e.toString());
            }
        }
        return runs;
    }

    /** Takes ended jobs off every page, and deletes those that ended long ago. */
    @Transactional
    public int expire() {
        Instant now = clock.instant();
        int ended = jobs.noticeExpired(now);
        int deleted = jobs.deleteEndedBefore(now.minus(KEEP_ENDED));
        if (ended > 0 || deleted > 0) {
            changes.record(CACHE_TAG);
        }
        return ended;
    }

    /** What storing one entry of a feed came to. */
    private enum Outcome { CREATED, UPDATED, DUPLICATE, ENDED, REJECTED }

    private record Stored(Outcome outcome, @Nullable Long jobId, ImportReport.@Nullable Reason reason) {
        static Stored of(Outcome outcome, long jobId) {
            return new Stored(outcome, jobId, null);
        }
    }

    /**
     * Stores a parsed feed entry by entry, each in its own short transaction: an entry that another
     * import stores at the same moment is then simply found (and counted as a duplicate) instead of
     * failing the whole run, and what was stored stays stored when a later entry fails.
     */
    private ImportReport store(JobFeedParser.ParsedFeed feed, @Nullable JobSource source, JobSourceKind kind, String name,
                               Instant started, @Nullable StaffPrincipal by) {
        String sourceName = name.length() > SOURCE_NAME_MAX ? name.substring(0, SOURCE_NAME_MAX) : name;
        boolean firstJobs = currentCount() == 0;
        boolean fullFeed = source != null && source.fullFeed() && feed.failure() == null;
        int created = 0;
        int updated = 0;
        int duplicates = 0;
        int ended = 0;
        List<ImportReport.Rejection> rejected = new ArrayList<>(feed.rejected());
        Set<String> seenKeys = new HashSet<>();
        Set<Long> seenJobs = new HashSet<>();
        for (JobFeedParser.RawJob raw : feed.jobs()) {
            String label = label(raw.title());
            Validated v = fromFeed(raw);
            Checked checked = v.checked();
            if (checked == null) {
                rejected.add(new ImportReport.Rejection(raw.position(), label, v.problems().getFirst()));
                if (v.dedupKey() != null) {
                    // Still in the feed, only unreadable this time: not withdrawn.
                    jobs.findByKey(v.dedupKey()).ifPresent(j -> seenJobs.add(j.id()));
                }
                continue;
            }
            if (!seenKeys.add(checked.dedupKey())) {
                duplicates++;
                continue;
            }
            Stored stored = java.util.Objects.requireNonNull(tx.execute(status -> {
                Stored s = storeOne(checked, kind, sourceName);
                if (fullFeed && s.jobId() != null) {
                    jobs.recordEntry(source.id(), s.jobId());
                }
                return s;
            }));
            if (stored.jobId() != null) {
                seenJobs.add(stored.jobId());
            }
            switch (stored.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case DUPLICATE -> duplicates++;
                case ENDED -> ended++;
                case REJECTED -> rejected.add(new ImportReport.Rejection(raw.position(), label,
                        java.util.Objects.requireNonNull(stored.reason())));
            }
        }
        if (fullFeed) {
            ended += endWithdrawn(source.id(), seenJobs);
        }
        rejected.sort(java.util.Comparator.comparingInt(ImportReport.Rejection::position));
        List<ImportReport.Rejection> kept = rejected.size() > REJECTIONS_KEPT ? rejected.subList(0, REJECTIONS_KEPT) : rejected;
        int c = created;
        int u = updated;
        int d = duplicates;
        int e = ended;
        Long sourceId = source == null ? null : source.id();
        long id = java.util.Objects.requireNonNull(tx.execute(status -> {
            long runId = jobs.insertRun(sourceId, kind, sourceName, started, c, u, d, e, rejected.size(),
                    feed.failure() == null ? null : json.writeValueAsString(feed.failure()), json.writeValueAsString(kept));
            if (c + u + e > 0) {
                recordChange(firstJobs);
            }
            audit.record(by, "audit.job.imported", "jobsource:" + (sourceId == null ? kind.name().toLowerCase(Locale.ROOT) : sourceId),
                    sourceName + ": " + c + "/" + u + "/" + d + "/" + e + "/" + rejected.size());
            return runId;
        }));
        return new ImportReport(id, sourceId, kind, sourceName, started, created, updated, duplicates, ended, rejected,
                feed.failure());
    }

    /**
     * One entry: new, or compared with the job of the same title, employer and places. What the feed
     * leaves out keeps its stored value: a job without posting date keeps the day it was first seen,
     * one without end date keeps the end it got then, so an unchanged feed changes nothing however often
     * it is read. A known job whose end date the feed puts in the past ends now.
     */
    private Stored storeOne(Checked c, JobSourceKind kind, String sourceName) {
        Instant now = clock.instant();
        LocalDate today = today();
        Optional<JobListing> existing = jobs.findByKey(c.dedupKey());
        if (existing.isEmpty()) {
            if (c.end() != null && c.end().isBefore(today)) {
                return new Stored(Outcome.REJECTED, null, new ImportReport.Reason("job.expired", List.of(c.end().toString())));
            }
            JdbcJobRepository.Row row = c.row(c.posted() == null || c.posted().isAfter(today) ? today : c.posted(),
                    c.end() == null ? defaultEnd(today) : endOf(c.end()));
            OptionalLong id = jobs.insert(row, kind, sourceName, now);
            if (id.isPresent()) {
                return Stored.of(Outcome.CREATED, id.getAsLong());
            }
            // Another import stored the same job a moment ago; compare with what it stored.
            existing = jobs.findByKey(c.dedupKey());
            if (existing.isEmpty()) {
                return new Stored(Outcome.DUPLICATE, null, null);
            }
        }
        JobListing stored = existing.get();
        LocalDate posted = c.posted() == null || c.posted().isAfter(today) ? stored.postedOn() : c.posted();
        Instant validThrough = c.end() == null ? stored.validThrough() : endOf(c.end());
        JdbcJobRepository.Row row = c.row(posted, validThrough);
        if (row.sameContent(stored)) {
            return Stored.of(Outcome.DUPLICATE, stored.id());
        }
        jobs.update(stored.id(), row, now);
        boolean endsNow = stored.isCurrent(now) && !validThrough.isAfter(now);
        return Stored.of(endsNow ? Outcome.ENDED : Outcome.UPDATED, stored.id());
    }

    /**
     * Ends the jobs a full feed delivered before and no longer lists: the employer withdrew them. A job
     * that another source's feed still lists stays.
     */
    private int endWithdrawn(long sourceId, Set<Long> seen) {
        int ended = 0;
        for (long jobId : jobs.entries(sourceId)) {
            if (seen.contains(jobId)) {
                continue;
            }
            boolean endedNow = Boolean.TRUE.equals(tx.execute(status -> {
                jobs.forgetEntry(sourceId, jobId);
                return !jobs.delivered(jobId) && jobs.end(jobId, clock.instant());
            }));
            if (endedNow) {
                ended++;
            }
        }
        return ended;
    }

    public List<ImportReport> recentReports(int limit) {
        return jobs.runs(limit).stream().map(this::report).toList();
    }

    public Optional<ImportReport> report(long id) {
        return jobs.run(id).map(this::report);
    }

    private ImportReport report(JdbcJobRepository.StoredRun run) {
        List<ImportReport.Rejection> rejected = json.readValue(run.rejections(), new TypeReference<List<ImportReport.Rejection>>() {});
        ImportReport.Reason failure = run.failure() == null ? null : json.readValue(run.failure(), ImportReport.Reason.class);
        return new ImportReport(run.id(), run.sourceId(), run.sourceKind(), run.source(), run.startedAt(), run.created(),
                run.updated(), run.duplicates(), run.ended(), rejected, failure);
    }

    // --- sources -----------------------------------------------------------------------------------

    public List<JobSource> sources() {
        return jobs.sources();
    }

    public Optional<JobSource> source(long id) {
        return jobs.source(id);
    }

    /** Creates (id null) or changes a source; its address must be http(s). */
    @Transactional
    public JobSource saveSource(@Nullable Long id, String name, String url, FeedFormat format, int everyHours,
                                boolean enabled, boolean fullFeed, StaffPrincipal by) {
        requireJobDesk(by);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String n = JobNormalizer.collapse(name);
        if (n.isEmpty()) {
            problems.add("name", "validation.required");
        } else if (n.length() > SOURCE_NAME_MAX) {
            problems.add("name", "validation.tooLong", SOURCE_NAME_MAX);
        }
        String u = url.strip();
        if (u.isEmpty()) {
            problems.add("url", "validation.required");
        } else {
            try {
                String scheme = java.net.URI.create(u).getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || java.net.URI.create(u).getHost() == null || u.length() > JobNormalizer.URL_MAX) {
                    problems.add("url", "job.source.scheme");
                }
            } catch (IllegalArgumentException e) {
                problems.add("url", "job.source.scheme");
            }
        }
        if (everyHours < 1 || everyHours > 24 * 30) {
            problems.add("everyHours", "job.source.interval", 1, 24 * 30);
        }
        problems.throwIfAny();
        long sourceId;
        if (id == null) {
            sourceId = jobs.insertSource(n, u, format, everyHours, enabled, fullFeed, clock.instant());
        } else {
            jobs.source(id).orElseThrow(() -> InvalidInput.of("", "job.source.unknown"));
            jobs.updateSource(id, n, u, format, everyHours, enabled, fullFeed);
            sourceId = id;
        }
        audit.record(by, "audit.job.sourceSaved", "jobsource:" + sourceId, n + " " + u);
        return jobs.source(sourceId).orElseThrow();
    }

    @Transactional
    public void deleteSource(long id, StaffPrincipal by) {
        requireJobDesk(by);
        JobSource source = jobs.source(id).orElseThrow(() -> InvalidInput.of("", "job.source.unknown"));
        jobs.deleteSource(id);
        audit.record(by, "audit.job.sourceDeleted", "jobsource:" + id, source.name());
    }

    // --- rules -------------------------------------------------------------------------------------

    /**
     * Pages that show jobs are tagged "jobs". Article pages without any job carry no job box and so no
     * such tag: when the first job arrives, they are evicted through their "list" tag.
     */
    private void recordChange(boolean boardWasEmpty) {
        if (boardWasEmpty) {
            changes.record(CACHE_TAG, "list");
        } else {
            changes.record(CACHE_TAG);
        }
    }

    /** A job as checked and normalised, before its dates are settled against what is stored. */
    private record Checked(String dedupKey, String title, String employer, List<String> places, boolean remote,
                           EmploymentType type, String description, String applyUrl, @Nullable LocalDate posted,
                           @Nullable LocalDate end) {

        JdbcJobRepository.Row row(LocalDate postedOn, Instant validThrough) {
            return new JdbcJobRepository.Row(dedupKey, title, employer, places, remote, type, description, applyUrl,
                    postedOn, validThrough);
        }
    }

    /**
     * A feed entry after checking: the job, or the problems; the de-duplication key whenever title,
     * employer and places were readable, also for a refused entry.
     */
    private record Validated(@Nullable Checked checked, List<ImportReport.Reason> problems, @Nullable String dedupKey) {}

    /** @param keptEnd an end date in the past that is accepted because the job has it already */
    private Checked checkedOrThrow(JobDraft draft, @Nullable LocalDate keptEnd) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Checked checked = validate(draft, (field, key, args) -> problems.add(field, key, args));
        if (draft.endDate() != null && draft.endDate().isBefore(today()) && !draft.endDate().equals(keptEnd)) {
            problems.add("endDate", "job.expired", draft.endDate().toString());
        }
        problems.throwIfAny();
        return java.util.Objects.requireNonNull(checked);
    }

    private interface ProblemSink {
        void add(String field, String key, Object... args);
    }

    private Validated fromFeed(JobFeedParser.RawJob raw) {
        List<ImportReport.Reason> problems = new ArrayList<>();
        ProblemSink sink = (field, key, args) -> problems.add(new ImportReport.Reason(key,
                java.util.Arrays.stream(args).map(String::valueOf).toList()));
        LocalDate posted = null;
        if (!raw.posted().isBlank()) {
            posted = JobNormalizer.dateTime(raw.posted(), zone).map(d -> d.toLocalDate()).orElse(null);
            if (posted == null) {
                sink.add("postedOn", "job.date.invalid", label(raw.posted()));
            }
        }
        LocalDate end = null;
        if (!raw.end().isBlank()) {
            end = JobNormalizer.dateTime(raw.end(), zone).map(d -> d.toLocalDate()).orElse(null);
            if (end == null) {
                sink.add("endDate", "job.date.invalid", label(raw.end()));
            }
        }
        EmploymentType type = EmploymentType.parse(raw.employmentType()).orElse(null);
        boolean remote = Boolean.TRUE.equals(raw.remote())
                || raw.employmentType().toLowerCase(Locale.ROOT).contains("remote");
        JobDraft draft = new JobDraft(raw.title(), raw.employer(), raw.places(), remote, type, raw.description(),
                raw.url(), posted, end);
        String key = keyOf(draft);
        if (!problems.isEmpty()) {
            return new Validated(null, problems, key);
        }
        Checked checked = validate(draft, sink);
        return new Validated(problems.isEmpty() ? checked : null, problems, key);
    }

    /** The de-duplication key of a job whose title and employer are there, or null. */
    private static @Nullable String keyOf(JobDraft d) {
        String title = JobNormalizer.title(d.title());
        String employer = JobNormalizer.employer(d.employer());
        if (title.isEmpty() || employer.isEmpty()) {
            return null;
        }
        return JobNormalizer.dedupKey(title, employer, JobNormalizer.places(d.places()).names());
    }

    /** Normalises and checks a job's content; reports each problem to the sink and returns null when there was one. */
    private @Nullable Checked validate(JobDraft d, ProblemSink problems) {
        Counting sink = new Counting(problems);
        String title = JobNormalizer.title(d.title());
        text(sink, "title", title, JobNormalizer.TITLE_MAX, "job.title.missing");
        String employer = JobNormalizer.employer(d.employer());
        text(sink, "employer", employer, JobNormalizer.EMPLOYER_MAX, "job.employer.missing");
        JobNormalizer.Places places = JobNormalizer.places(d.places());
        boolean remote = d.remote() || places.remoteMentioned();
        if (places.names().isEmpty() && !remote) {
            sink.add("places", "job.place.missing");
        } else if (places.names().size() > JobNormalizer.PLACES_MAX) {
            sink.add("places", "job.places.tooMany", JobNormalizer.PLACES_MAX);
        } else {
            for (String p : places.names()) {
                if (p.length() > JobNormalizer.PLACE_MAX) {
                    sink.add("places", "job.place.tooLong", JobNormalizer.PLACE_MAX);
                    break;
                }
                if (broken(p)) {
                    sink.add("places", "job.encoding");
                    break;
                }
            }
        }
        String description = "";
        if (d.description().length() > JobNormalizer.DESCRIPTION_MAX) {
            sink.add("description", "job.description.tooLong", JobNormalizer.DESCRIPTION_MAX);
        } else if (broken(d.description())) {
            sink.add("description", "job.encoding");
        } else {
            description = JobNormalizer.description(d.description());
            if (!JobNormalizer.hasText(description)) {
                sink.add("description", "job.description.missing");
            }
        }
        Optional<String> url = JobNormalizer.applyUrl(d.applyUrl());
        if (url.isEmpty()) {
            sink.add("applyUrl", d.applyUrl().isBlank() ? "job.url.missing" : "job.url.invalid");
        }
        if (sink.count > 0) {
            return null;
        }
        EmploymentType type = d.employmentType() == null ? EmploymentType.OTHER : d.employmentType();
        return new Checked(JobNormalizer.dedupKey(title, employer, places.names()), title, employer, places.names(), remote,
                type, description, url.orElseThrow(), d.postedOn(), d.endDate());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The moment a job with this last day ends: midnight after it. */
    private Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The end of a job without end date first seen on the given day: the default validity later, in calendar days. */
    private Instant defaultEnd(LocalDate firstSeen) {
        Duration validity = properties.defaultValidity();
        long days = validity.toDays();
        return firstSeen.atStartOfDay(zone).plusDays(days).plus(validity.minusDays(days)).toInstant();
    }

    private static final class Counting implements ProblemSink {
        private final ProblemSink target;
        int count;

        Counting(ProblemSink target) {
            this.target = target;
        }

        @Override
        public void add(String field, String key, Object... args) {
            count++;
            target.add(field, key, args);
        }
    }

    private static void text(ProblemSink sink, String field, String value, int max, String missingKey) {
        if (value.isEmpty()) {
            sink.add(field, missingKey);
        } else if (value.length() > max) {
            sink.add(field, "validation.tooLong", max);
        } else if (broken(value)) {
            sink.add(field, "job.encoding");
        }
    }

    /** Text that arrived in the wrong encoding shows replacement characters; such entries are refused. */
    private static boolean broken(String text) {
        return text.indexOf('\uFFFD') >= 0 || text.indexOf('\u0000') >= 0;
    }

    private static String label(String text) {
        String t = JobNormalizer.collapse(text);
        return t.length() > 80 ? t.substring(0, 79) + "…" : t;
    }

    private static FeedFormat formatOf(@Nullable String contentType) {
        if (contentType == null) {
            return FeedFormat.AUTO;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("json")) {
            return FeedFormat.JSON;
        }
        if (ct.contains("xml")) {
            return FeedFormat.XML;
        }
        return FeedFormat.AUTO;
    }

    private JobBoardPage page(JdbcJobRepository.Filter filter, String order, int page, int size) {
        int p = Math.clamp(page, 1, MAX_PAGE);
        return new JobBoardPage(jobs.list(filter, order, size, (p - 1) * size), p, size, jobs.count(filter));
    }

    private static String like(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void requireJobDesk(StaffPrincipal by) {
        if (!by.hasRole(Role.ADMIN, Role.EDITOR)) {
            throw new AccessDeniedException("only editors and admins manage jobs");
        }
    }

    private static String target(long id) {
        return "job:" + id;
    }
}
