package de.depesche.account;

/**
 * A staff member's display name changed: pages and indexes that show it as a byline must follow.
 * The account module owns no articles; the publishing module reacts.
 */
public record StaffRenamed(long staffId, String formerName, String newName) {}
