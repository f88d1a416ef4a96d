package de.depesche.support;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A staff member's browser session without a browser: cookies, CSRF tokens, forms and uploads. */
public final class StaffSession {

    private final String base;
    private final HttpClient http;
    private final CookieManager cookies;
    private String csrf = "";

    public StaffSession(int port) {
        this(port, new CookieManager(), "");
    }

    private StaffSession(int port, CookieManager cookies, String csrf) {
        this.base = "http://localhost:" + port;
        this.cookies = cookies;
        this.csrf = csrf;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The same browser (its cookies and its last CSRF token) talking to another node of the cluster. */
    public StaffSession at(int otherPort) {
        return new StaffSession(otherPort, cookies, csrf);
    }

    /** The value of a cookie this browser holds now. */
    public java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst();
    }

    public static StaffSession signedIn(int port, String email, String password) {
        StaffSession s = new StaffSession(port);
        HttpResponse<String> r = s.login(email, password);
        if (!r.headers().firstValue("Location").orElse("").endsWith("/admin")) {
            throw new IllegalStateException("sign-in failed for " + email + ": " + r.headers().map());
        }
        return s;
    }

    public HttpResponse<String> login(String email, String password) {
        page("/admin/login");
        return post("/admin/login", Map.of("email", email, "password", password));
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        Document d = Jsoup.parse(r.body());
        var token = d.selectFirst("input[name=_csrf]");
        if (token != null) {
            csrf = token.attr("value");
        }
        return r;
    }

    public Document page(String path) {
        return Jsoup.parse(get(path).body());
    }

    /** Follows a redirect (as a browser would after a form post) and returns the page it leads to. */
    public Document follow(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("no redirect but " + redirect.statusCode() + ": " + redirect.body()));
        URI uri = URI.create(location);
        return page(uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery());
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return post(path, fields, true);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields, boolean withCsrf) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (withCsrf) {
            all.put("_csrf", csrf);
        }
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** A multipart form post, as the article editor sends it; {@code file} may be null. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField,
                                              String fileName, String contentType, byte[] file) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        fields.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return postMultipartBytes(path, raw, fileField, fileName, contentType, file);
    }

    /** A multipart form post whose field values are sent byte for byte, as a browser with a broken encoding might. */
    public HttpResponse<String> postMultipartBytes(String path, Map<String, byte[]> fields, String fileField,
                                                   String fileName, String contentType, byte[] file) {
        String boundary = "----depesche" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, byte[]> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.getBytes(StandardCharsets.US_ASCII));
        all.forEach((k, v) -> {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n");
            out.writeBytes(v);
            write(out, "\r\n");
        });
        if (file != null) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(file);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
