package de.depesche.moderation;

/** What a ban applies to: an e-mail address or a network (by its salted hash). */
public enum BanKind { EMAIL, NETWORK }
