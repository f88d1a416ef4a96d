package de.depesche.article.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleStatus;
import de.depesche.article.ArticleTeaser;
import de.depesche.article.ImageLibrary;
import de.depesche.article.Page;
import de.depesche.article.StoredImage;
import de.depesche.site.InvalidInput;
import de.depesche.site.JsonApi;
import de.depesche.site.NotFound;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Articles for headless clients and scripts; every call needs a staff API token. */
@RestController
@JsonApi
@RequestMapping("/api/v1")
class ArticleApiController {

    private final ArticleManagement articles;
    private final ImageLibrary images;
    private final AccountManagement accounts;
    private final SiteProperties site;

    ArticleApiController(ArticleManagement articles, ImageLibrary images, AccountManagement accounts, SiteProperties site) {
        this.articles = articles;
        this.images = images;
        this.accounts = accounts;
        this.site = site;
    }

    /**
     * What a client sends to create or replace an article. {@code status} may be {@code draft} (default),
     * {@code published} (publish at once) or {@code scheduled} (with {@code publishAt}).
     */
    record ArticleRequest(@Nullable String title, @Nullable String slug, @Nullable String dateline, @Nullable String lead,
                          @Nullable String body, @Nullable List<String> categories, @Nullable List<String> tags,
                          @Nullable String status, @Nullable Instant publishAt, @Nullable String seoTitle,
                          @Nullable String seoDescription, @Nullable Long imageId, @Nullable String imageCaption,
                          @Nullable String imageCredit, @Nullable Integer version) {

        ArticleDraft toDraft() {
            return new ArticleDraft(nz(title), slug, dateline, nz(lead), nz(body),
                    categories == null ? List.of() : categories.stream().map(ArticleRequest::nz).toList(),
                    tags == null ? List.of() : tags.stream().map(ArticleRequest::nz).toList(),
                    seoTitle, seoDescription, imageId, imageCaption, imageCredit);
        }

        @Nullable ArticleStatus requestedStatus() {
            if (status == null || status.isBlank()) {
                return null;
            }
            return ArticleStatus.fromApiName(status).orElseThrow(() -> InvalidInput.of("status", "article.status.unknown", status));
        }

        private static String nz(@Nullable String s) {
            return s == null ? "" : s;
        }
    }

    record ArticleList(List<ArticleJson> items, int page, int size, long total) {}

    /** Editors and admins list every article; authors their own and published ones. */
    @GetMapping("/articles")
    ArticleList list(@RequestParam(required = false) @Nullable String status,
                     @RequestParam(defaultValue = "1") int page,
                     @RequestParam(defaultValue = "20") int size,
                     @AuthenticationPrincipal StaffPrincipal me) {
        ArticleStatus s = status == null ? null
                : ArticleStatus.fromApiName(status).orElseThrow(() -> InvalidInput.of("status", "article.status.unknown", status));
        int pageSize = Math.clamp(size, 1, 100);
        Page<ArticleTeaser> result = articles.newsroomList(new ArticleManagement.NewsroomFilter(s, null, null, null),
                page, pageSize, me);
        // A page of full articles in a few queries, whatever its size: articles, their categories and tags, authors.
        List<Article> full = articles.findAll(result.items().stream().map(ArticleTeaser::id).toList());
        Map<Long, StaffMember> authors = accounts.findAll(full.stream().map(Article::authorId).toList());
        List<ArticleJson> items = full.stream()
                .map(a -> ArticleJson.of(a, authors.get(a.authorId()), site)).toList();
        return new ArticleList(items, result.number(), result.size(), result.total());
    }

    @GetMapping("/articles/{id}")
    ArticleJson get(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
        return json(load(id, me));
    }

    @PostMapping(value = "/articles", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ArticleJson> create(@RequestBody ArticleRequest request, @AuthenticationPrincipal StaffPrincipal me) {
        Article article = articles.save(null, 0, request.toDraft(), request.requestedStatus(), request.publishAt(), me);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(java.net.URI.create(site.url("/api/v1/articles/" + article.id())))
                .body(json(article));
    }

    @PutMapping(value = "/articles/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ArticleJson update(@PathVariable long id, @RequestBody ArticleRequest request, @AuthenticationPrincipal StaffPrincipal me) {
        Article current = load(id, me);
        int version = request.version() == null ? current.version() : request.version();
        return json(articles.save(id, version, request.toDraft(), request.requestedStatus(), request.publishAt(), me));
    }

    @PostMapping("/articles/{id}/publish")
    ArticleJson publish(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
        load(id, me);
        return json(articles.publish(id, me));
    }

    record ScheduleRequest(@Nullable Instant publishAt) {}

    @PostMapping(value = "/articles/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    ArticleJson schedule(@PathVariable long id, @RequestBody ScheduleRequest request, @AuthenticationPrincipal StaffPrincipal me) {
        load(id, me);
        if (request.publishAt() == null) {
            throw InvalidInput.of("publishAt", "validation.required");
        }
        return json(articles.schedule(id, request.publishAt(), me));
    }

    @PostMapping("/articles/{id}/unpublish")
    ArticleJson unpublish(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
        load(id, me);
        return json(articles.unpublish(id, me));
    }

    @PostMapping(value = "/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal StaffPrincipal me)
            throws IOException {
        StoredImage image = images.upload(file.getOriginalFilename(), file.getContentType(), file.getBytes(), me);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of(
                "id", image.id(), "width", image.width(), "height", image.height(),
                "variants", image.widths().stream().map(w -> site.url(image.url(w))).toList()));
    }

    private Article load(long id, StaffPrincipal me) {
        return articles.findFor(id, me).orElseThrow(() -> new NotFound("article " + id));
    }

    private ArticleJson json(Article a) {
        return ArticleJson.of(a, accounts.find(a.authorId()).orElse(null), site);
    }
}
