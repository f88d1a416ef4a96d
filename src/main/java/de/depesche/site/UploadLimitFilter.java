package de.depesche.site;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A multipart request beyond the container's limits ({@code spring.servlet.multipart.max-file-size} and
 * {@code max-request-size}) fails while it is read, before the CSRF check or any controller sees it,
 * and the container would answer with a bare English page. This filter reads multipart requests first;
 * one that is too large gets the error page in the reader's language with status 413 (JSON under
 * {@code /api/}), and the operator a log line with the limits. Uploads within the limits go on as before;
 * the image size limit of the newsroom ({@code depesche.media.max-upload-size}) is far lower and
 * explained on the editor's form.
 */
public final class UploadLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadLimitFilter.class);

    /** Request attribute for the error page: the largest request accepted, in whole megabytes. */
    public static final String LIMIT_MB = UploadLimitFilter.class.getName() + ".LIMIT_MB";

    private final long maxFileSize;
    private final long maxRequestSize;

    UploadLimitFilter(MultipartConfigElement multipart) {
        this.maxFileSize = multipart.getMaxFileSize();
        this.maxRequestSize = multipart.getMaxRequestSize();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            request.getParts();
        } catch (IllegalStateException | IOException | ServletException e) {
            boolean tooLarge = tooLarge(e);
            if (tooLarge) {
                log.warn("Upload to {} refused: {} bytes announced, more than the limits allow (a file {} bytes: "
                                + "spring.servlet.multipart.max-file-size; a request {} bytes: max-request-size)",
                        request.getRequestURI(), request.getContentLengthLong(), maxFileSize, maxRequestSize);
            } else {
                log.info("Unreadable multipart request to {}: {}", request.getRequestURI(), e.toString());
            }
            int status = tooLarge ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST;
            showErrorPage(request, response, status);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The error page, for a request whose body must not be touched again. */
    private void showErrorPage(HttpServletRequest request, HttpServletResponse response, int status)
            throws ServletException, IOException {
        HttpServletRequest bodiless = new BodilessRequest(request);
        bodiless.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        bodiless.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        long limit = maxRequestSize > 0 ? maxRequestSize : maxFileSize;
        bodiless.setAttribute(LIMIT_MB, limit > 0 ? limit / (1024 * 1024) : -1L);
        response.setStatus(status);
        request.getRequestDispatcher("/error").forward(bodiless, response);
    }

    static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.endsWith("SizeException") || name.endsWith("LimitExceededException") || message.contains("exceed")) {
                return true;
            }
        }
        return false;
    }

    /** The refused request without its body: no parameters, no parts, no content type. */
    private static final class BodilessRequest extends HttpServletRequestWrapper {
        BodilessRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getContentType() {
            return null;
        }

        @Override
        public @Nullable String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public @Nullable String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return null;
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public @Nullable Part getPart(String name) {
            return null;
        }
    }
}
