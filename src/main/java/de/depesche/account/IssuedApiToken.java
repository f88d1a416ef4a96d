package de.depesche.account;

/** A new API token: the secret is shown once, only its hash is stored. */
public record IssuedApiToken(long id, String name, String secret) {}
