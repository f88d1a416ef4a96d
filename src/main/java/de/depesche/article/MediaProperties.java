package de.depesche.article;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxUploadSize largest image file accepted
 * @param maxPixels     largest image accepted, in pixels (guards against decompression bombs)
 * @param widths        widths of the resized variants served to readers
 */
@ConfigurationProperties("depesche.media")
public record MediaProperties(
        @DefaultValue("10MB") DataSize maxUploadSize,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue({"480", "960", "1600"}) List<Integer> widths) {}
