package de.depesche.account;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.ObjectMapper;

/** 401 and 403 for API clients, as JSON in the shape the API uses for all its errors. */
@Component
class JsonAuthenticationErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final MessageSource messages;
    private final ObjectMapper json;
    private final LocaleResolver locales;

    JsonAuthenticationErrors(MessageSource messages, ObjectMapper json, LocaleResolver locales) {
        this.messages = messages;
        this.json = json;
        this.locales = locales;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, @Nullable AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "api.error.unauthorized");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "api.error.forbidden");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String key) throws IOException {
        // Security runs before the DispatcherServlet has set up the locale: ask the site's resolver directly.
        String message = messages.getMessage(key, null, locales.resolveLocale(request));
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.writeValueAsString(
                Map.of("status", status, "error", message, "problems", List.of())));
    }
}
