package de.depesche.account;

/** What an admin enters to add a staff member. */
public record NewStaff(String email, String displayName, Role role, String password) {}
