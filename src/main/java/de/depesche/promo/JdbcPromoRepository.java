package de.depesche.promo;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The promo tables: promo_item and promo_click (a number per item and day, nothing about who clicked). */
@Repository
class JdbcPromoRepository {

    private final JdbcClient jdbc;

    JdbcPromoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(PromoDraft d, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into promo_item (kind, title, subtitle, target_url, image_id, image_path, placement, position,
                                                active, updated_at)
                        values (:kind, :title, :subtitle, :url, :imageId, :imagePath, :placement, :position, :active, :now)
                        """)
                .params(params(d)).param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void update(long id, PromoDraft d, Instant now) {
        jdbc.sql("""
                        update promo_item set kind = :kind, title = :title, subtitle = :subtitle, target_url = :url,
                               image_id = :imageId, image_path = :imagePath, placement = :placement, position = :position,
                               active = :active, updated_at = :now
                        where id = :id
                        """)
                .params(params(d)).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void setActive(long id, boolean active, Instant now) {
        jdbc.sql("update promo_item set active = :active, updated_at = :now where id = :id")
                .param("active", active).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Deletes the item; its clicks go with it (promo_click references it with on delete cascade). */
    void delete(long id) {
        jdbc.sql("delete from promo_item where id = :id").param("id", id).update();
    }

    private static Map<String, Object> params(PromoDraft d) {
        Map<String, Object> p = new HashMap<>();
        p.put("kind", d.kind().name());
        p.put("title", d.title());
        p.put("subtitle", d.subtitle());
        p.put("url", d.targetUrl());
        p.put("imageId", d.imageId());
        p.put("imagePath", d.imagePath());
        p.put("placement", d.placement().name());
        p.put("position", d.position());
        p.put("active", d.active());
        return p;
    }

    Optional<PromoItem> find(long id) {
        return jdbc.sql("select * from promo_item where id = :id").param("id", id).query(JdbcPromoRepository::item).optional();
    }

    List<PromoItem> all() {
        return jdbc.sql("select * from promo_item order by active desc, position, id").query(JdbcPromoRepository::item).list();
    }

    List<PromoItem> active() {
        return jdbc.sql("select * from promo_item where active = true order by position, id").query(JdbcPromoRepository::item).list();
    }

    /** Adds one click for the day; two nodes counting the first click of a day at once both succeed. */
    void countClick(long id, LocalDate day) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("update promo_click set clicks = clicks + 1 where item_id = :id and click_day = :day")
                    .param("id", id).param("day", Date.valueOf(day)).update();
            if (updated == 1) {
                return;
            }
            try {
                jdbc.sql("insert into promo_click (item_id, click_day, clicks) values (:id, :day, 1)")
                        .param("id", id).param("day", Date.valueOf(day)).update();
                return;
            } catch (DuplicateKeyException raced) {
                // another request created the row first; count on it
            }
        }
    }

    Map<Long, PromoClicks> clicks(LocalDate since) {
        Map<Long, PromoClicks> result = new HashMap<>();
        jdbc.sql("""
                        select item_id, sum(case when click_day >= :since then clicks else 0 end) as recent, sum(clicks) as total
                        from promo_click group by item_id
                        """)
                .param("since", Date.valueOf(since))
                .query((rs, n) -> result.put(rs.getLong("item_id"), new PromoClicks(rs.getLong("recent"), rs.getLong("total"))))
                .list();
        return result;
    }

    List<Map.Entry<LocalDate, Long>> clicksByDay(long id, LocalDate since) {
        return jdbc.sql("select click_day, clicks from promo_click where item_id = :id and click_day >= :since order by click_day desc")
                .param("id", id).param("since", Date.valueOf(since))
                .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getLong(2))).list();
    }

    private static PromoItem item(ResultSet rs, int row) throws SQLException {
        return new PromoItem(rs.getLong("id"), PromoKind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getString("subtitle"), rs.getString("target_url"), rs.getObject("image_id", Long.class),
                rs.getString("image_path"), PromoPlacement.valueOf(rs.getString("placement")), rs.getInt("position"),
                rs.getBoolean("active"), rs.getTimestamp("updated_at").toInstant());
    }
}
