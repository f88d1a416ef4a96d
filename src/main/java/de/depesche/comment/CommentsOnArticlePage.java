package de.depesche.comment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.depesche.site.ArticlePagePart;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The comments under an article: approved threads for everybody, plus this browser's own pending
 * comments marked as waiting, and the form.
 */
@Component
class CommentsOnArticlePage implements ArticlePagePart {

    private final CommentManagement comments;
    private final OwnComments own;
    private final CommentProperties properties;

    CommentsOnArticlePage(CommentManagement comments, OwnComments own, CommentProperties properties) {
        this.comments = comments;
        this.own = own;
        this.properties = properties;
    }

    @Override
    public Slot slot() {
        return Slot.BELOW_ARTICLE;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<Rendered> render(ArticleOnPage article) {
        if (!article.published()) {
            return Optional.empty();
        }
        List<Comment> visible = new ArrayList<>(comments.findAllApproved(article.id()));
        int approved = visible.size();
        Set<Long> mine = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? own.read(a.getRequest()) : Set.of();
        if (!mine.isEmpty()) {
            comments.findAll(mine).stream()
                    .filter(c -> c.articleId() == article.id() && c.status() == CommentStatus.PENDING)
                    .forEach(visible::add);
            visible.sort(java.util.Comparator.comparing(Comment::createdAt).thenComparing(Comment::id));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("threads", CommentManagement.threads(visible));
        data.put("count", approved);
        data.put("articleId", article.id());
        data.put("articleSlug", article.slug());
        data.put("maxLength", properties.maxLength());
        return Optional.of(new Rendered("comment/parts", "comments", data, Set.of(CommentManagement.cacheTag(article.id()))));
    }
}
