package de.depesche.article;

import java.time.Instant;

/** A reader page's address and when what it shows last changed, for sitemaps. */
public record PublishedPath(String path, Instant lastModified) {}
