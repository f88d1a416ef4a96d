package de.depesche.account;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per network and pauses sign-in for either once it passes
 * the limit. Kept in memory per node: with N nodes an attacker gets at most N times the limit.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(AccountProperties properties) {
        this.maxFailures = properties.login().maxFailures();
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(properties.login().window())
                .build();
    }

    boolean blocked(String email, String network) {
        return count("account:" + normalise(email)) >= maxFailures || count("network:" + network) >= maxFailures * 4;
    }

    void failed(String email, String network) {
        failures.get("account:" + normalise(email), k -> new AtomicInteger()).incrementAndGet();
        failures.get("network:" + network, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String email) {
        failures.invalidate("account:" + normalise(email));
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    private static String normalise(String email) {
        return AccountManagement.normaliseEmail(email);
    }
}
