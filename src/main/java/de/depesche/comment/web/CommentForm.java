package de.depesche.comment.web;

import org.jspecify.annotations.Nullable;

/** The comment form as readers fill it in. {@code website} is a honeypot: people leave it empty. */
public class CommentForm {

    private @Nullable Long article;
    private @Nullable Long parent;
    private String name = "";
    private String email = "";
    private String text = "";
    private @Nullable Boolean notify;
    private @Nullable Boolean consent;
    private String website = "";
    private String token = "";
    /** The proof-of-work counter the form's script found; absent when the browser runs no JavaScript. */
    private @Nullable String pow;

    public @Nullable Long getArticle() { return article; }
    public void setArticle(@Nullable Long article) { this.article = article; }
    public @Nullable Long getParent() { return parent; }
    public void setParent(@Nullable Long parent) { this.parent = parent; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public @Nullable Boolean getNotify() { return notify; }
    public void setNotify(@Nullable Boolean notify) { this.notify = notify; }
    public @Nullable Boolean getConsent() { return consent; }
    public void setConsent(@Nullable Boolean consent) { this.consent = consent; }

    /** Unticked boxes are not sent at all, and an empty value counts as not ticked. */
    boolean wantsNotifications() { return Boolean.TRUE.equals(notify); }
    boolean gaveConsent() { return Boolean.TRUE.equals(consent); }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public @Nullable String getPow() { return pow; }
    public void setPow(@Nullable String pow) { this.pow = pow; }
}
