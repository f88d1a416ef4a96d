package de.depesche.article;

/** A free keyword on articles; created when first used. */
public record Tag(long id, String name, String slug) {}
