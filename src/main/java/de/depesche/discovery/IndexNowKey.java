package de.depesche.discovery;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that proves to IndexNow engines that announcements come from the site owner: the configured
 * one, or one generated on first use and kept in the database, so every node and every restart uses
 * the same key.
 */
@Component
class IndexNowKey {

    private static final Logger log = LoggerFactory.getLogger(IndexNowKey.class);
    /** What the IndexNow protocol accepts: 8 to 128 characters, letters, digits and dashes. */
    static final Pattern VALID = Pattern.compile("[a-zA-Z0-9-]{8,128}");
    private static final String SETTING = "indexnow_key";

    private final JdbcClient jdbc;
    private final @Nullable String configured;
    private volatile @Nullable String key;

    IndexNowKey(JdbcClient jdbc, DiscoveryProperties.IndexNow properties) {
        this.jdbc = jdbc;
        String k = properties.key().strip();
        if (!k.isEmpty() && !VALID.matcher(k).matches()) {
            throw new IllegalStateException("depesche.indexnow.key must be 8 to 128 letters, digits or dashes");
        }
        this.configured = k.isEmpty() ? null : k;
    }

    boolean configured() {
        return configured != null;
    }

    String value() {
        String k = key;
        if (k == null) {
            k = configured != null ? configured : storedOrGenerated();
            key = k;
        }
        return k;
    }

    private String stored() {
        return jdbc.sql("select setting_value from discovery_setting where setting_name = :name")
                .param("name", SETTING).query(String.class).optional().orElse("");
    }

    private String storedOrGenerated() {
        String existing = stored();
        if (!existing.isEmpty()) {
            return existing;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        try {
            jdbc.sql("insert into discovery_setting (setting_name, setting_value) values (:name, :value)")
                    .param("name", SETTING).param("value", generated).update();
            log.info("Generated the IndexNow key; it is served at /{}.txt", generated);
            return generated;
        } catch (DuplicateKeyException otherNodeWasFaster) {
            return stored();
        }
    }
}
