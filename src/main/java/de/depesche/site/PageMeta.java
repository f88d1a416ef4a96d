package de.depesche.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the head of a reader page says about it: title, description, canonical address, Open Graph,
 * structured data and feed links. Handlers put one into the model as {@code meta}; the layout renders it.
 */
public final class PageMeta {

    private final String title;
    private final String description;
    private final String canonicalPath;
    private String ogType = "website";
    private @Nullable String image;
    private boolean noindex;
    private final List<String> jsonLd = new ArrayList<>();
    private final Map<String, List<String>> openGraph = new LinkedHashMap<>();
    private final List<FeedLink> feeds = new ArrayList<>();

    public PageMeta(String title, String description, String canonicalPath) {
        this.title = title;
        this.description = description.length() > 300 ? description.substring(0, 299) + "…" : description;
        this.canonicalPath = canonicalPath;
    }

    public record FeedLink(String type, String title, String href) {}

    public PageMeta ogType(String type) {
        this.ogType = type;
        return this;
    }

    public PageMeta image(@Nullable String absoluteUrl) {
        this.image = absoluteUrl;
        return this;
    }

    public PageMeta noindex(boolean noindex) {
        this.noindex = noindex;
        return this;
    }

    public PageMeta jsonLd(String json) {
        jsonLd.add(json);
        return this;
    }

    public PageMeta openGraph(String property, String value) {
        openGraph.computeIfAbsent(property, k -> new ArrayList<>()).add(value);
        return this;
    }

    public PageMeta feed(String type, String title, String href) {
        feeds.add(new FeedLink(type, title, href));
        return this;
    }

    public String title() { return title; }
    public String description() { return description; }
    public String canonicalPath() { return canonicalPath; }
    public String ogType() { return ogType; }
    public @Nullable String image() { return image; }
    public boolean noindex() { return noindex; }
    public List<String> jsonLd() { return List.copyOf(jsonLd); }
    public Map<String, List<String>> openGraph() { return openGraph; }
    public List<FeedLink> feeds() { return List.copyOf(feeds); }
}
