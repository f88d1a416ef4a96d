package de.depesche.site;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the JSON API as JSON: {@code {"status": 400, "error": "…", "problems": [{"field", "message"}]}},
 * with messages in the request's language.
 */
@RestControllerAdvice(annotations = JsonApi.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class JsonApiErrors {

    private static final Logger log = LoggerFactory.getLogger(JsonApiErrors.class);

    private final MessageSource messages;

    JsonApiErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInput e) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, String>> problems = e.problems().stream()
                .map(p -> Map.of("field", p.field(),
                        "message", messages.getMessage(p.messageKey(), p.args(), locale)))
                .toList();
        return body(HttpStatus.BAD_REQUEST, message("api.error.invalid"), problems);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, Object>> notFound(NotFound e) {
        return body(HttpStatus.NOT_FOUND, message("api.error.notFound"), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return body(HttpStatus.FORBIDDEN, message("api.error.forbidden"), List.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        log.info("Unreadable API request body: {}", e.getMostSpecificCause().toString());
        return body(HttpStatus.BAD_REQUEST, message("api.error.unreadable"), List.of());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        return body(HttpStatus.BAD_REQUEST, message("api.error.parameter"), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, message("api.error.mediaType"), List.of());
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, List<Map<String, String>> problems) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", error, "problems", problems));
    }
}
