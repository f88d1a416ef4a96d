/**
 * Staff accounts, roles, sign-in, personal API tokens and the audit log of what staff did.
 * Owns the tables staff_user, api_token, audit_log and the session tables.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package de.depesche.account;

import org.jspecify.annotations.NullMarked;
