package de.depesche.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call which newsroom route and API endpoint, as one table
 * (src/test/resources/authorization/table.txt). Every handler method under /admin or /api that Spring
 * knows must have a row, so a new route cannot be added without deciding who may use it.
 *
 * <p>Cells: {@code ok} (the request passes the security decision: anything but 401, 403 or a redirect to
 * the sign-in page), {@code deny} (403), {@code login} (302 to /admin/login for sessions, 401 for the API).
 * Columns: anonymous, a session of each role, an API token of each role. Run with
 * {@code -Dauthz.record=target/authorization-table.txt} to write what the application answers now.
 */
class AuthorizationTableTest extends IntegrationTest {

    static final List<String> CALLERS = List.of("anon", "AUTHOR", "EDITOR", "MODERATOR", "ADMIN",
            "tAUTHOR", "tEDITOR", "tMODERATOR", "tADMIN");
    static final List<Role> ROLES = List.of(Role.AUTHOR, Role.EDITOR, Role.MODERATOR, Role.ADMIN);
    static final String DUMMY_ID = "999999";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    AccountManagement accounts;

    @Test
    void everyNewsroomRouteAndApiEndpointAnswersEveryCallerAsTheTableSays() throws IOException {
        Map<String, List<String>> table = readTable();
        TreeSet<String> routes = routes();

        Map<Role, StaffMember> staff = new LinkedHashMap<>();
        Map<Role, String> tokens = new LinkedHashMap<>();
        for (Role role : ROLES) {
            StaffMember member = data.staff(role);
            staff.put(role, member);
            tokens.put(role, accounts.issueApiToken(member.id(), "Berechtigungstabelle").secret());
        }

        Map<Role, StaffSession> sessions = new LinkedHashMap<>();
        Map<String, List<String>> observed = new TreeMap<>();
        Map<String, List<String>> codes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = fill(route.substring(route.indexOf(' ') + 1));
            List<String> cells = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            for (String caller : CALLERS) {
                HttpResponse<String> r;
                if (caller.equals("anon")) {
                    r = send(request(method, path, null, null));
                } else if (caller.startsWith("t")) {
                    r = send(request(method, path, tokens.get(Role.valueOf(caller.substring(1))), null));
                } else {
                    Role role = Role.valueOf(caller);
                    StaffSession session = sessions.computeIfAbsent(role, x -> signIn(staff.get(x)));
                    r = session.send(request(method, path, null, session));
                    if (path.endsWith("/logout") || path.endsWith("/sessions/end-all") || classify(r).equals("login")) {
                        sessions.remove(role); // signed out (or never in): the next route gets a fresh session
                    }
                }
                String cell = classify(r);
                cells.add(cell);
                statuses.add(String.valueOf(r.statusCode()));
                checked++;
                List<String> expected = table.get(route);
                if (expected != null && !expected.get(cells.size() - 1).equals(cell)) {
                    wrong.add(route + " as " + caller + ": expected " + expected.get(cells.size() - 1) + " but got "
                            + cell + " (" + r.statusCode() + " " + r.headers().firstValue("Location").orElse("") + ")");
                }
            }
            observed.put(route, cells);
            codes.put(route, statuses);
        }
        String record = System.getProperty("authz.record");
        if (record != null) {
            StringBuilder out = new StringBuilder();
            observed.forEach((route, cells) -> out.append(String.format("%-60s %s   # %s%n", route,
                    String.join(" ", cells), String.join(" ", codes.get(route)))));
            Files.writeString(Path.of(record), out.toString());
        }
        System.out.println("authorization table: " + routes.size() + " routes x " + CALLERS.size() + " callers = "
                + checked + " requests");
        List<String> missing = routes.stream().filter(r -> !table.containsKey(r)).toList();
        assertThat(missing).as("new routes have no row in the authorization table "
                + "(src/test/resources/authorization/table.txt)").isEmpty();
        List<String> gone = table.keySet().stream().filter(r -> !routes.contains(r)).toList();
        assertThat(gone).as("rows in the authorization table for routes that no longer exist").isEmpty();

        assertThat(wrong).as("answers that differ from the authorization table").isEmpty();
    }

    private StaffSession signIn(StaffMember member) {
        StaffSession session = StaffSession.signedIn(port, member.email(), TestData.STAFF_PASSWORD);
        session.get("/admin");
        return session;
    }

    /** "GET /admin/articles/{id}" for every handler method under /admin or /api, one per HTTP method. */
    private TreeSet<String> routes() {
        TreeSet<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            var methods = info.getMethodsCondition().getMethods();
            List<String> names = methods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
                    : methods.stream().map(RequestMethod::name).toList();
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/admin") || path.startsWith("/api")) {
                    names.forEach(m -> routes.add(m + " " + path));
                }
            }
        });
        return routes;
    }

    private static String fill(String pattern) {
        return pattern.replaceAll("\\{slug}", "x").replaceAll("\\{[^}]+}", DUMMY_ID).replace("/**", "/x");
    }

    private HttpRequest request(String method, String path, String token, StaffSession session) {
        String body;
        String contentType = "application/json";
        if (path.startsWith("/api")) {
            body = method.equals("GET") || method.equals("DELETE") ? "" : "{}";
        } else {
            // Required parameters are present (an e-mail, an empty file), so that the answer is the security
            // decision and not a 400 for a missing parameter, which Spring gives before method security runs.
            path = path + "?email=niemand%40example.invalid";
            String boundary = "authorization-table";
            contentType = "multipart/form-data; boundary=" + boundary;
            body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                    + (session == null ? "" : csrfOf(session)) + "\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leer.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n\r\n--" + boundary + "--\r\n";
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", contentType);
            if (session != null && !path.startsWith("/api")) {
                b.header("X-CSRF-TOKEN", csrfOf(session));
            }
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        if (path.startsWith("/api")) {
            b.header("Accept", "application/json");
        }
        return b.build();
    }

    private static String csrfOf(StaffSession session) {
        try {
            var f = StaffSession.class.getDeclaredField("csrf");
            f.setAccessible(true);
            return (String) f.get(session);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String classify(HttpResponse<String> r) {
        int status = r.statusCode();
        if (status == 401 || (status == 302 && r.headers().firstValue("Location").orElse("").contains("/admin/login"))) {
            return "login";
        }
        return status == 403 ? "deny" : "ok";
    }

    private static Map<String, List<String>> readTable() throws IOException {
        Map<String, List<String>> table = new LinkedHashMap<>();
        try (InputStream in = AuthorizationTableTest.class.getResourceAsStream("/authorization/table.txt")) {
            if (in == null) {
                return table;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.replaceFirst("#.*", "").strip().split("\\s+");
                table.put(parts[0] + " " + parts[1], List.of(parts).subList(2, parts.length));
            }
        }
        return table;
    }
}
