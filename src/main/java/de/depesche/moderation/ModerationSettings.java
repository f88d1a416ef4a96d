package de.depesche.moderation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reminderInterval how often moderators get a "comments waiting" mail while comments wait; 0 turns it off
 */
@ConfigurationProperties("depesche.moderation")
public record ModerationSettings(@DefaultValue("2h") Duration reminderInterval) {}
