package de.depesche.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Something a reader or a client asked for does not exist (or is not public): answered with 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what, null, false, false);
    }
}
