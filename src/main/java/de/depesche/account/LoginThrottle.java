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

    /** Forgets every count (tests that fail many times from one address use it to leave no pause behind). */
    void forgetAll() {
        failures.invalidateAll();
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    /**
     * The network an address counts for: an IPv6 address by its /64 (one subscriber usually holds a
     * whole /64), an IPv4 address by itself.
     */
    static String network(String address) {
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!a.contains(":")) {
            return a;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(a).getAddress();
            if (bytes.length != 16) {
                return java.net.InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }

    private static String normalise(String email) {
        return AccountManagement.normaliseEmail(email);
    }
}
