package de.depesche.comment.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the comment form's body itself, so that bad input gets an exact answer instead of a bare error:
 * Tomcat gives up on the whole form at the first field that is not valid UTF-8 (and throws when the form is
 * read), and refuses bodies over its post-size limit outright. Here every field is decoded on its own: a
 * broken one is kept with U+FFFD in place of the bad bytes and named in {@link #BROKEN_FIELDS}; a body over
 * {@link #maxBytes} is read only up to the limit, the fields up to there are kept, and
 * {@link #CUT_OFF} says so. The controller then answers 422 with the form and a message.
 */
final class CommentFormBody extends OncePerRequestFilter {

    /** Request attribute: the names of the fields that were not valid UTF-8 (a {@code Set<String>}). */
    static final String BROKEN_FIELDS = CommentFormBody.class.getName() + ".broken";
    /** Request attribute: present (the field name that was cut, or "") when the body was larger than allowed. */
    static final String CUT_OFF = CommentFormBody.class.getName() + ".cutOff";
    /** More fields than any comment form has are ignored. */
    static final int MAX_FIELDS = 64;

    private final int maxBytes;

    /** @param maxBytes the largest body read; the rest is left to the server, which discards it */
    CommentFormBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = read(request.getInputStream(), maxBytes + 1);
        boolean cut = body.length > maxBytes;
        Parsed query = parse(request.getQueryString() == null ? new byte[0]
                : request.getQueryString().getBytes(StandardCharsets.ISO_8859_1), false);
        Parsed form = parse(cut ? java.util.Arrays.copyOf(body, maxBytes) : body, cut);
        Map<String, List<String>> all = new LinkedHashMap<>(query.fields());
        form.fields().forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        Set<String> broken = new LinkedHashSet<>(query.broken());
        broken.addAll(form.broken());
        if (!broken.isEmpty()) {
            request.setAttribute(BROKEN_FIELDS, Set.copyOf(broken));
        }
        if (cut) {
            request.setAttribute(CUT_OFF, form.cutField() == null ? "" : form.cutField());
        }
        chain.doFilter(new Wrapper(request, all), response);
    }

    private static byte[] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** @param cutField the field whose value the size limit cut short, if any */
    record Parsed(Map<String, List<String>> fields, Set<String> broken, @Nullable String cutField) {}

    /**
     * Splits {@code name=value&…}, decodes %-escapes and + to bytes and the bytes as UTF-8, each field on its own.
     *
     * @param lastIsCut whether the body ends in the middle of its last field
     */
    static Parsed parse(byte[] body, boolean lastIsCut) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Set<String> broken = new LinkedHashSet<>();
        String cutField = null;
        int start = 0;
        int count = 0;
        while (start < body.length && count < MAX_FIELDS) {
            int end = start;
            while (end < body.length && body[end] != '&') {
                end++;
            }
            boolean last = end >= body.length;
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                Decoded name = decode(body, start, eq, false);
                Decoded value = eq < end ? decode(body, eq + 1, end, last && lastIsCut) : new Decoded("", true);
                if (last && lastIsCut) {
                    cutField = name.text();
                }
                if (!name.intact()) {
                    // A field whose name is broken cannot be matched to anything on the form.
                    broken.add("");
                } else {
                    if (!value.intact()) {
                        broken.add(name.text());
                    }
                    fields.computeIfAbsent(name.text(), n -> new ArrayList<>()).add(value.text());
                    count++;
                }
            }
            start = end + 1;
        }
        return new Parsed(fields, broken, cutField);
    }

    /** @param intact whether every escape was well formed and the bytes were valid UTF-8 */
    record Decoded(String text, boolean intact) {}

    /** @param cut the part ends where the size limit cut it: an escape or character cut in half is dropped, not broken */
    static Decoded decode(byte[] body, int from, int to, boolean cut) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        boolean wellFormed = true;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 < to && hex(body[i + 1]) >= 0 && hex(body[i + 2]) >= 0) {
                    bytes.write(hex(body[i + 1]) * 16 + hex(body[i + 2]));
                    i += 2;
                } else if (cut && to - i <= 2) {
                    break;
                } else {
                    wellFormed = false;
                    bytes.write(b);
                }
            } else {
                bytes.write(b);
            }
        }
        byte[] raw = bytes.toByteArray();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            return new Decoded(text, wellFormed);
        } catch (CharacterCodingException e) {
            String lenient = new String(raw, StandardCharsets.UTF_8);
            if (cut && lenient.endsWith("\uFFFD")) {
                // Only the last character was cut in half by the size limit: drop it.
                String shorter = lenient.substring(0, lenient.length() - 1);
                if (shorter.indexOf('\uFFFD') < 0) {
                    return new Decoded(shorter, wellFormed);
                }
            }
            return new Decoded(lenient, false);
        }
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xff), 16);
    }

    /** The request as the controller sees it: the parameters decoded here, the body already read. */
    private static final class Wrapper extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        Wrapper(HttpServletRequest request, Map<String, List<String>> fields) {
            super(request);
            Map<String, String[]> map = new LinkedHashMap<>();
            fields.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(map);
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the comment form's body was read already");
                }

                @Override
                public int read() {
                    return empty.read();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8));
        }
    }
}
