package de.depesche.account;

import java.util.List;

/**
 * Paths of reader forms that protect themselves with signed form tokens instead of the session-bound
 * CSRF token. Modules with reader forms (comments, subscriptions) declare a bean of this type.
 */
public record ReaderFormEndpoints(List<String> paths) {}
