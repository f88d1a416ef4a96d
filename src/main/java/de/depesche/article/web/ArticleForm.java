package de.depesche.article.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.Category;
import de.depesche.article.Tag;
import de.depesche.site.ReaderDates;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** The newsroom's article editor form. */
public class ArticleForm {

    private String title = "";
    private String slug = "";
    private String dateline = "";
    private String lead = "";
    private String body = "";
    private List<String> categories = new ArrayList<>();
    private String tags = "";
    private String seoTitle = "";
    private String seoDescription = "";
    private @Nullable Long imageId;
    private String imageCaption = "";
    private String imageCredit = "";
    private @Nullable MultipartFile image;
    private int version;
    private String publishAt = "";

    static ArticleForm of(Article a, ReaderDates dates) {
        ArticleForm f = new ArticleForm();
        f.title = a.title();
        f.slug = a.slug();
        f.dateline = a.dateline() == null ? "" : a.dateline();
        f.lead = a.lead();
        f.body = a.bodyMarkdown();
        f.categories = new ArrayList<>(a.categories().stream().map(Category::slug).toList());
        f.tags = String.join(", ", a.tags().stream().map(Tag::name).toList());
        f.seoTitle = a.seoTitle() == null ? "" : a.seoTitle();
        f.seoDescription = a.seoDescription() == null ? "" : a.seoDescription();
        if (a.image() != null) {
            f.imageId = a.image().id();
            f.imageCaption = a.image().caption();
            f.imageCredit = a.image().credit();
        }
        f.version = a.version();
        f.publishAt = dates.local(a.publishAt());
        return f;
    }

    ArticleDraft toDraft() {
        List<String> tagList = Arrays.stream(tags.split("[,;\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ArticleDraft(title, slug, dateline, lead, body, categories, tagList, seoTitle, seoDescription,
                imageId, imageCaption, imageCredit);
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getDateline() { return dateline; }
    public void setDateline(String dateline) { this.dateline = dateline; }
    public String getLead() { return lead; }
    public void setLead(String lead) { this.lead = lead; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> categories) { this.categories = categories; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public String getSeoTitle() { return seoTitle; }
    public void setSeoTitle(String seoTitle) { this.seoTitle = seoTitle; }
    public String getSeoDescription() { return seoDescription; }
    public void setSeoDescription(String seoDescription) { this.seoDescription = seoDescription; }
    public @Nullable Long getImageId() { return imageId; }
    public void setImageId(@Nullable Long imageId) { this.imageId = imageId; }
    public String getImageCaption() { return imageCaption; }
    public void setImageCaption(String imageCaption) { this.imageCaption = imageCaption; }
    public String getImageCredit() { return imageCredit; }
    public void setImageCredit(String imageCredit) { this.imageCredit = imageCredit; }
    public @Nullable MultipartFile getImage() { return image; }
    public void setImage(@Nullable MultipartFile image) { this.image = image; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public String getPublishAt() { return publishAt; }
    public void setPublishAt(String publishAt) { this.publishAt = publishAt; }
}
