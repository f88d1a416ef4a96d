package de.depesche.subscription;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param autoSend    send the newsletters on their own at the times below (otherwise editors send by hand)
 * @param dailyAt     time of day of the daily newsletter, in the site's time zone
 * @param weeklyCron  when the weekly one goes out (cron: second minute hour day month weekday)
 * @param maxArticles articles per newsletter
 */
@ConfigurationProperties("depesche.newsletter")
public record NewsletterProperties(
        @DefaultValue("true") boolean autoSend,
        @DefaultValue("07:00") LocalTime dailyAt,
        @DefaultValue("0 0 7 * * MON") String weeklyCron,
        @DefaultValue("10") int maxArticles) {}
