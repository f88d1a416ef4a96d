package de.depesche.article.web;

import java.time.Duration;

import de.depesche.article.ImageLibrary;
import de.depesche.site.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Serves image variants; their addresses never change content, so browsers and CDNs keep them for a year. */
@Controller
class MediaController {

    private final ImageLibrary images;

    MediaController(ImageLibrary images) {
        this.images = images;
    }

    @GetMapping("/media/{id:[0-9]{1,18}}/{width:[0-9]{1,5}}.jpg")
    ResponseEntity<byte[]> variant(@PathVariable long id, @PathVariable int width) {
        byte[] bytes = images.variant(id, width).orElseThrow(() -> new NotFound("image " + id + "/" + width));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .eTag("\"" + id + "-" + width + "\"")
                .body(bytes);
    }
}
