package de.depesche.job;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        JdbcJobRepository.Row row = validOrThrow(draft);
        if (jobs.findByKey(row.dedupKey()).isPresent()) {
            throw InvalidInput.of("title", "job.duplicate");
        }
        boolean firstJob = currentCount() == 0;
        long id = jobs.insert(row, "Redaktion", clock.instant());
        audit.record(by, "audit.job.created", target(id), row.title());
        recordChange(firstJob);
        return jobs.find(id).orElseThrow();
    }

    @Transactional
    public JobListing update(long id, JobDraft draft, StaffPrincipal by) {
        requireJobDesk(by);
        jobs.find(id).orElseThrow(() -> InvalidInput.of("", "job.unknown"));
        JdbcJobRepository.Row row = validOrThrow(draft);
        Optional<JobListing> same = jobs.findByKey(row.dedupKey());
        if (same.isPresent() && same.get().id() != id) {
            throw InvalidInput.of("title", "job.duplicate");
        }
        jobs.update(id, row, clock.instant());
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
     * size limit; nothing beyond it is read.
     *
     * @param contentType the request's content type (its charset names the encoding of XML), or null
     */
    public ImportReport importFeed(InputStream body, @Nullable String contentType, String sourceName, StaffPrincipal by) {
        requireJobDesk(by);
        Instant started = clock.instant();
        FeedFormat format = formatOf(contentType);
        JobFeedParser.ParsedFeed feed;
        try {
            feed = parser.parse(new LimitedInputStream(body, properties.maxFeedSize().toBytes()), format,
                    FeedFetcher.charset(contentType));
        } catch (FeedProblem e) {
            feed = new JobFeedParser.ParsedFeed(List.of(), List.of(), e.reason());
        }
        return store(feed, null, sourceName, started, by);
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
        return store(feed, source.id(), source.name(), started, by);
    }

    /** Imports every source whose time has come; run by the cluster scheduler on one node. */
    public int importDueSources() {
        int runs = 0;
        for (JobSource source : jobs.dueSources(clock.instant())) {
            try {
                ImportReport report = importSource(source.id(), null);
                log.info("Imported job source \"{}\": {} new, {} updated, {} duplicates, {} rejected{}", source.name(),
                        report.created(), report.updated(), report.duplicates(), report.rejected().size(),
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

    private ImportReport store(JobFeedParser.ParsedFeed feed, @Nullable Long sourceId, String sourceName, Instant started,
                               @Nullable StaffPrincipal by) {
        String source = sourceName.length() > SOURCE_NAME_MAX ? sourceName.substring(0, SOURCE_NAME_MAX) : sourceName;
        ImportReport report = tx.execute(status -> {
            boolean firstJobs = currentCount() == 0;
            int created = 0;
            int updated = 0;
            int duplicates = 0;
            List<ImportReport.Rejection> rejected = new ArrayList<>(feed.rejected());
            Set<String> seen = new LinkedHashSet<>();
            for (JobFeedParser.RawJob raw : feed.jobs()) {
                String label = label(raw.title());
                Validated v = fromFeed(raw);
                if (v.row() == null) {
                    rejected.add(new ImportReport.Rejection(raw.position(), label, v.problems().getFirst()));
                    continue;
                }
                JdbcJobRepository.Row row = v.row();
                if (!seen.add(row.dedupKey())) {
                    duplicates++;
                    continue;
                }
                Optional<JobListing> existing = jobs.findByKey(row.dedupKey());
                if (existing.isEmpty()) {
                    jobs.insert(row, source, clock.instant());
                    created++;
                } else if (!row.sameContent(existing.get())) {
                    jobs.update(existing.get().id(), row, clock.instant());
                    updated++;
                } else {
                    duplicates++;
                }
            }
            rejected.sort(java.util.Comparator.comparingInt(ImportReport.Rejection::position));
            List<ImportReport.Rejection> kept = rejected.size() > REJECTIONS_KEPT ? rejected.subList(0, REJECTIONS_KEPT) : rejected;
            long id = jobs.insertRun(sourceId, source, started, created, updated, duplicates, rejected.size(),
                    feed.failure() == null ? null : json.writeValueAsString(feed.failure()), json.writeValueAsString(kept));
            if (created + updated > 0) {
                recordChange(firstJobs);
            }
            audit.record(by, "audit.job.imported", "jobsource:" + (sourceId == null ? "api" : sourceId),
                    source + ": " + created + "/" + updated + "/" + duplicates + "/" + rejected.size());
            return new ImportReport(id, sourceId, source, started, created, updated, duplicates, rejected, feed.failure());
        });
        return java.util.Objects.requireNonNull(report);
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
        return new ImportReport(run.id(), run.sourceId(), run.source(), run.startedAt(), run.created(), run.updated(),
                run.duplicates(), rejected, failure);
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
                                boolean enabled, StaffPrincipal by) {
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
            sourceId = jobs.insertSource(n, u, format, everyHours, enabled, clock.instant());
        } else {
            jobs.source(id).orElseThrow(() -> InvalidInput.of("", "job.source.unknown"));
            jobs.updateSource(id, n, u, format, everyHours, enabled);
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

    private record Validated(JdbcJobRepository.@Nullable Row row, List<ImportReport.Reason> problems) {}

    private JdbcJobRepository.Row validOrThrow(JobDraft draft) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        JdbcJobRepository.Row row = validate(draft, (field, key, args) -> problems.add(field, key, args));
        problems.throwIfAny();
        return java.util.Objects.requireNonNull(row);
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
        if (!problems.isEmpty()) {
            return new Validated(null, problems);
        }
        JobDraft draft = new JobDraft(raw.title(), raw.employer(), raw.places(), remote, type, raw.description(),
                raw.url(), posted, end);
        JdbcJobRepository.Row row = validate(draft, sink);
        return new Validated(problems.isEmpty() ? row : null, problems);
    }

    /** Normalises and checks a job; reports each problem to the sink and returns null when there was one. */
    private JdbcJobRepository.@Nullable Row validate(JobDraft d, ProblemSink problems) {
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
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate posted = d.postedOn() == null || d.postedOn().isAfter(today) ? today : d.postedOn();
        Instant validThrough;
        if (d.endDate() != null) {
            if (d.endDate().isBefore(today)) {
                sink.add("endDate", "job.expired", d.endDate().toString());
            }
            validThrough = d.endDate().plusDays(1).atStartOfDay(zone).toInstant();
        } else {
            validThrough = posted.atStartOfDay(zone).toInstant().plus(properties.defaultValidity());
            if (!validThrough.isAfter(clock.instant())) {
                validThrough = today.plusDays(1).atStartOfDay(zone).toInstant().plus(properties.defaultValidity());
            }
        }
        if (sink.count > 0) {
            return null;
        }
        EmploymentType type = d.employmentType() == null ? EmploymentType.OTHER : d.employmentType();
        return new JdbcJobRepository.Row(JobNormalizer.dedupKey(title, employer, places.names()), title, employer,
                places.names(), remote, type, description, url.orElseThrow(), posted, validThrough);
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
