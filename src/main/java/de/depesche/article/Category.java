package de.depesche.article;

/** A section of the magazine, such as "Sicherheitspolitik"; editors manage the list. */
public record Category(long id, String name, String slug, String description) {}
