package de.depesche.site;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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

    /** The salted hash that stands for a reader's network address (IPv4: the address; IPv6: its /64), see {@link #networkOf}. */
    public String networkHash(String address) {
        return hmac("network", networkOf(address)).substring(0, 32);
    }

    /** Compares two signatures in constant time. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The network an address stands for: an IPv4 address itself (/32); an IPv6 address cut to its /64 and written
     * the same way however it was spelled ({@code 2001:db8::1} and {@code 2001:DB8:0:0::2} both give
     * {@code 2001:db8:0:0:}, as Tomcat's full form {@code 2001:db8:0:0:0:0:0:1} always did); an IPv4 address in
     * IPv6 clothing ({@code ::ffff:192.0.2.1}) counts as the IPv4 address. Anything else is used as it is.
     * Parsed here, never looked up: a name must not cause a DNS query.
     */
    static String networkOf(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.indexOf(':') < 0) {
            return a;
        }
        int[] g = ipv6Groups(a);
        if (g == null) {
            return a.toLowerCase(java.util.Locale.ROOT);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
        }
        return Integer.toHexString(g[0]) + ":" + Integer.toHexString(g[1]) + ":" + Integer.toHexString(g[2]) + ":"
                + Integer.toHexString(g[3]) + ":";
    }

    /** The eight 16-bit groups of an IPv6 address in text form (with {@code ::} and a dotted IPv4 tail), or null. */
    static int @Nullable [] ipv6Groups(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int total = head.size() + tail.size();
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] result = new int[8];
        for (int i = 0; i < head.size(); i++) {
            result[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            result[8 - tail.size() + i] = tail.get(i);
        }
        return result;
    }

    /** Colon-separated hex groups, the last one possibly a dotted IPv4 address (two groups); null if malformed. */
    private static @Nullable List<Integer> groups(String part) {
        List<Integer> out = new ArrayList<>();
        if (part.isEmpty()) {
            return out;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (i == pieces.length - 1 && p.indexOf('.') >= 0) {
                String[] octets = p.split("\\.", -1);
                if (octets.length != 4) {
                    return null;
                }
                int[] v = new int[4];
                for (int k = 0; k < 4; k++) {
                    if (!octets[k].matches("[0-9]{1,3}") || Integer.parseInt(octets[k]) > 255) {
                        return null;
                    }
                    v[k] = Integer.parseInt(octets[k]);
                }
                out.add(v[0] << 8 | v[1]);
                out.add(v[2] << 8 | v[3]);
            } else if (p.matches("[0-9A-Fa-f]{1,4}")) {
                out.add(Integer.parseInt(p, 16));
            } else {
                return null;
            }
        }
        return out;
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
