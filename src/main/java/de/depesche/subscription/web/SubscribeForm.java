package de.depesche.subscription.web;

import org.jspecify.annotations.Nullable;

/** The sign-up form: under articles, on the newsletter page and for topics. {@code website} is a honeypot. */
public class SubscribeForm {

    private String kind = "similar";
    private String target = "";
    private String email = "";
    private String channel = "email";
    private @Nullable Boolean consent;
    private String website = "";
    private String token = "";

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public @Nullable Boolean getConsent() { return consent; }
    public void setConsent(@Nullable Boolean consent) { this.consent = consent; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }

    boolean gaveConsent() {
        return Boolean.TRUE.equals(consent);
    }
}
