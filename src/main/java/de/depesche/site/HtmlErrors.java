package de.depesche.site;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refused input that a page handler did not show on its own form: an error page that lists the
 * problems in the reader's language, with status 400. The JSON API answers with {@link JsonApiErrors}.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class HtmlErrors {

    private static final Logger log = LoggerFactory.getLogger(HtmlErrors.class);

    @ExceptionHandler(InvalidInput.class)
    ModelAndView invalid(InvalidInput e, HttpServletResponse response) {
        log.info("Refused input: {}", e.problems());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        ModelAndView page = new ModelAndView("error/4xx");
        page.addObject("status", 400);
        page.addObject("problems", e.problems());
        return page;
    }

    /** An upload beyond the multipart limits that reached the dispatcher (the upload filter usually answers first). */
    @ExceptionHandler(MultipartException.class)
    ModelAndView tooLarge(MultipartException e, HttpServletResponse response) {
        boolean tooLarge = e instanceof MaxUploadSizeExceededException || UploadLimitFilter.tooLarge(e);
        log.warn("Multipart request refused{}: {}", tooLarge ? " as too large" : "", e.toString());
        int status = tooLarge ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST;
        response.setStatus(status);
        ModelAndView page = new ModelAndView(tooLarge ? "error/413" : "error/4xx");
        page.addObject("status", status);
        page.addObject("limit", e instanceof MaxUploadSizeExceededException m && m.getMaxUploadSize() > 0
                ? m.getMaxUploadSize() / (1024 * 1024) : -1L);
        return page;
    }
}
