package de.depesche.site;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The site's secret key, shared by all nodes through the database and created on first use: it
 * signs form tokens and cookies and salts the hashes that stand in for readers' IP addresses.
 */
@Component
public class SiteSecrets {

    private static final String KEY = "hmac_secret";

    private final JdbcClient jdbc;
    private volatile byte @Nullable [] secret;

    SiteSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A keyed hash of {@code data} for one purpose; the same input gives the same hash on every node. */
    public String hmac(String purpose, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The salted hash that stands for a reader's network address (IPv6 addresses are cut to their /64). */
    public String networkHash(String address) {
        return hmac("network", networkOf(address)).substring(0, 32);
    }

    /** Compares two signatures in constant time. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String networkOf(String address) {
        if (address.contains(":")) {
            String[] parts = address.split(":", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(4, parts.length); i++) {
                sb.append(parts[i]).append(':');
            }
            return sb.toString();
        }
        return address;
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            synchronized (this) {
                s = secret;
                if (s == null) {
                    s = load();
                    secret = s;
                }
            }
        }
        return s;
    }

    private byte[] load() {
        var existing = jdbc.sql("select setting_value from site_setting where setting_key = :k").param("k", KEY)
                .query(String.class).optional();
        if (existing.isPresent()) {
            return HexFormat.of().parseHex(existing.get());
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // Two nodes may race on the very first use: the first insert wins, the other reads it back.
        jdbc.sql("insert into site_setting (setting_key, setting_value) values (:k, :v) on conflict do nothing")
                .param("k", KEY).param("v", HexFormat.of().formatHex(fresh)).update();
        return HexFormat.of().parseHex(jdbc.sql("select setting_value from site_setting where setting_key = :k")
                .param("k", KEY).query(String.class).single());
    }
}
