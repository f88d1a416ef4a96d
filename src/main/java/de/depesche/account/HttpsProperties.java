package de.depesche.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the site guards its sessions when it is served over https (read by {@link SecurityConfiguration}).
 *
 * @param secureCookie {@code auto} (Secure cookie and HSTS when {@code depesche.base-url} is https),
 *                     {@code true} or {@code false}
 * @param hstsMaxAge   max-age of the Strict-Transport-Security header
 */
@ConfigurationProperties("depesche.https")
public record HttpsProperties(@DefaultValue("auto") String secureCookie, @DefaultValue("365d") Duration hstsMaxAge) {}
