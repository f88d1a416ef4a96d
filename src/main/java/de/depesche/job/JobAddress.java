package de.depesche.job;

import java.time.Instant;

/** A job page's address and when it last changed, for sitemaps. */
public record JobAddress(String path, Instant lastModified) {}
