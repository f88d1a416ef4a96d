package de.depesche.article;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Uploaded images and their variants, stored in the database so that every node serves the same
 * files and a database backup is a complete backup. Images never change once stored, so their
 * metadata and bytes cache well.
 */
@Repository
class JdbcImageRepository {

    private final JdbcClient jdbc;
    private final Cache<Long, StoredImage> metadata = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, byte[]> variants = Caffeine.newBuilder()
            .maximumWeight(64L * 1024 * 1024)
            .<String, byte[]>weigher((k, v) -> v.length)
            .build();

    JdbcImageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String originalName, String contentType, int width, int height, long bytes, String sha256,
                long uploadedBy, Instant now, List<Integer> widths) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into media_image (original_name, content_type, width, height, bytes, sha256,
                                                 variant_widths, uploaded_by, uploaded_at)
                        values (:name, :type, :width, :height, :bytes, :sha, :widths, :by, :now)
                        """)
                .param("name", originalName).param("type", contentType).param("width", width)
                .param("height", height).param("bytes", bytes).param("sha", sha256)
                .param("widths", widths.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .param("by", uploadedBy).param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertVariant(long imageId, int width, byte[] jpeg) {
        jdbc.sql("insert into media_variant (image_id, width, content) values (:id, :width, :content)")
                .param("id", imageId).param("width", width).param("content", jpeg).update();
    }

    Optional<StoredImage> find(long id) {
        StoredImage cached = metadata.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StoredImage> found = jdbc.sql("""
                        select id, original_name, content_type, width, height, variant_widths, bytes, uploaded_at
                        from media_image where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new StoredImage(rs.getLong("id"), rs.getString("original_name"),
                        rs.getString("content_type"), rs.getInt("width"), rs.getInt("height"),
                        Arrays.stream(rs.getString("variant_widths").split(",")).map(Integer::valueOf).toList(),
                        rs.getLong("bytes"), rs.getTimestamp("uploaded_at").toInstant()))
                .optional();
        found.ifPresent(i -> metadata.put(id, i));
        return found;
    }

    Optional<byte[]> variant(long imageId, int width) {
        String key = imageId + "/" + width;
        byte[] cached = variants.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<byte[]> found = jdbc.sql("select content from media_variant where image_id = :id and width = :width")
                .param("id", imageId).param("width", width)
                .query((rs, n) -> rs.getBytes(1)).optional();
        found.ifPresent(b -> variants.put(key, b));
        return found;
    }
}
