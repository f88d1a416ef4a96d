package de.depesche.site.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.depesche.site.UploadLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Error pages in the reader's language for everything that goes wrong outside a controller (unknown
 * paths, refused requests, failures), and JSON errors for API clients. Failures are logged for operators.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final MessageSource messages;

    ErrorPages(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            log.error("Request to {} failed with {}", path, status, failure instanceof Throwable t ? t : null);
        }
        if (path instanceof String p && p.startsWith("/api/")) {
            String key = switch (status) {
                case 401 -> "api.error.unauthorized";
                case 403 -> "api.error.forbidden";
                case 404 -> "api.error.notFound";
                case 413 -> "api.error.tooLarge";
                default -> status >= 500 ? "api.error.server" : "api.error.parameter";
            };
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                    "status", status,
                    "error", messages.getMessage(key, new Object[] {uploadLimit(request)}, LocaleContextHolder.getLocale()),
                    "problems", List.of()));
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        if (status == 413) {
            model.addAttribute("limit", uploadLimit(request));
            return "error/413";
        }
        return status == 404 ? "error/404" : status >= 500 ? "error/5xx" : "error/4xx";
    }

    /** The largest request accepted, in megabytes, as the upload filter found it (-1 when unknown). */
    private static long uploadLimit(HttpServletRequest request) {
        return request.getAttribute(UploadLimitFilter.LIMIT_MB) instanceof Long mb ? mb : -1L;
    }
}
