package de.depesche.job;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads job feeds into raw entries, without trusting them: XML through StAX with DTDs and external
 * entities switched off (a DOCTYPE is refused outright, so neither entity bombs nor local files get
 * in), JSON through Jackson with limits on nesting and string lengths. The byte limit is enforced by
 * the stream handed in ({@link LimitedInputStream}). Entries that were read completely before a feed
 * broke are kept; the break is reported as the run's failure.
 */
class JobFeedParser {

    /** Longest text kept from one field before the length check refuses it. */
    static final int RAW_FIELD_MAX = 100_000;

    private static final Set<String> HTML_FIELDS = Set.of("description", "jobdescription", "job_description", "summary");

    /** One entry as the feed had it, with blank strings for what was missing. */
    record RawJob(int position, String title, String employer, List<String> places, @Nullable Boolean remote,
                  String employmentType, String description, String url, String posted, String end) {}

    record ParsedFeed(List<RawJob> jobs, List<ImportReport.Rejection> rejected, ImportReport.@Nullable Reason failure) {}

    private final int maxJobs;
    private final XMLInputFactory xml;
    private final JsonMapper json;

    JobFeedParser(int maxJobs) {
        this.maxJobs = maxJobs;
        // The JDK's own StAX implementation, whatever else is on the class path.
        this.xml = XMLInputFactory.newDefaultFactory();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xml.setProperty(XMLInputFactory.IS_COALESCING, true);
        xml.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        xml.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not loaded: " + systemId);
        });
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(RAW_FIELD_MAX * 4)
                .maxNumberLength(40)
                .maxNameLength(200)
                .build();
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build()).build();
    }

    /**
     * @param charset the charset the HTTP header named, or null to follow the document's own declaration
     *                (XML) or its byte order mark (JSON, UTF-8 without one)
     */
    ParsedFeed parse(InputStream in, FeedFormat format, @Nullable String charset) {
        if (charset != null && !supported(charset)) {
            return new ParsedFeed(List.of(), List.of(), new ImportReport.Reason("job.feed.charset", List.of(label(charset))));
        }
        InputStream stream = in.markSupported() ? in : new java.io.BufferedInputStream(in, 8192);
        FeedFormat actual = format == FeedFormat.AUTO ? sniff(stream) : format;
        return actual == FeedFormat.JSON ? parseJson(stream, charset) : parseXml(stream, charset);
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static String label(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** XML starts with "<" (after a byte order mark and white space), JSON with "{" or "[". */
    private static FeedFormat sniff(InputStream in) {
        try {
            in.mark(1024);
            byte[] head = in.readNBytes(1024);
            in.reset();
            for (byte b : head) {
                int c = b & 0xff;
                if (c == '<') {
                    return FeedFormat.XML;
                }
                if (c == '{' || c == '[') {
                    return FeedFormat.JSON;
                }
                if (c > ' ' && c != 0xEF && c != 0xBB && c != 0xBF && c != 0xFE && c != 0xFF) {
                    break;
                }
            }
            return FeedFormat.XML;
        } catch (java.io.IOException e) {
            if (LimitedInputStream.isLimit(e)) {
                throw new FeedProblem("job.feed.tooLarge");
            }
            throw new FeedProblem("job.feed.unreadable");
        }
    }

    // --- XML ---------------------------------------------------------------------------------------

    private ParsedFeed parseXml(InputStream in, @Nullable String charset) {
        List<RawJob> jobs = new ArrayList<>();
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        ImportReport.Reason failure = null;
        XMLStreamReader r = null;
        int position = 0;
        try {
            r = charset == null ? xml.createXMLStreamReader(in) : xml.createXMLStreamReader(in, charset);
            boolean root = true;
            while (r.hasNext()) {
                int event = r.next();
                refuseDeclarations(event);
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (root) {
                    root = false;
                    if ("job".equalsIgnoreCase(r.getLocalName())) {
                        position++;
                        jobs.add(raw(position, readJob(r)));
                    }
                    continue;
                }
                if ("job".equalsIgnoreCase(r.getLocalName())) {
                    position++;
                    if (position > maxJobs) {
                        failure = new ImportReport.Reason("job.feed.tooMany", List.of(String.valueOf(maxJobs)));
                        break;
                    }
                    jobs.add(raw(position, readJob(r)));
                }
            }
            if (position == 0 && failure == null) {
                failure = new ImportReport.Reason("job.feed.noJobs", List.of());
            }
        } catch (FeedProblem e) {
            failure = e.reason();
        } catch (XMLStreamException | RuntimeException e) {
            failure = classify(e, r);
        } finally {
            close(r);
        }
        return new ParsedFeed(jobs, rejected, failure);
    }

    private static void refuseDeclarations(int event) {
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_DECLARATION
                || event == XMLStreamConstants.NOTATION_DECLARATION) {
            throw new FeedProblem("job.feed.dtd");
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new FeedProblem("job.feed.entity");
        }
    }

    /** Elements without content in HTML: written without an end tag. */
    private static final Set<String> VOID_ELEMENTS = Set.of("br", "hr", "img", "wbr", "col", "area", "source");

    /**
     * The fields of one {@code <job>}: every element's text by its lower-case name. A description is
     * read twice over: as text (HTML in CDATA, escaped HTML or plain text) and as markup (HTML written
     * as XML elements, with their attributes and with text escaped); the markup counts when there were
     * elements in it. The sanitiser decides later which elements and attributes stay.
     */
    private static Map<String, List<String>> readJob(XMLStreamReader r) throws XMLStreamException {
        Map<String, List<String>> fields = new HashMap<>();
        Deque<String> names = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        StringBuilder markup = new StringBuilder();
        boolean hasElements = false;
        int htmlDepth = 0;
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            refuseDeclarations(event);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String name = r.getLocalName().toLowerCase(Locale.ROOT);
                    if (htmlDepth > 0) {
                        htmlDepth++;
                        hasElements = true;
                        StringBuilder tag = new StringBuilder("<").append(name);
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            tag.append(' ').append(r.getAttributeLocalName(i).toLowerCase(Locale.ROOT)).append("=\"")
                                    .append(HtmlUtils.htmlEscape(r.getAttributeValue(i), "UTF-8")).append('"');
                        }
                        append(markup, tag.append('>').toString());
                    } else {
                        names.push(name);
                        texts.push(new StringBuilder());
                        if (HTML_FIELDS.contains(name)) {
                            htmlDepth = 1;
                            markup.setLength(0);
                            hasElements = false;
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!texts.isEmpty()) {
                        append(texts.peek(), r.getText());
                        if (htmlDepth > 0) {
                            append(markup, HtmlUtils.htmlEscape(r.getText(), "UTF-8"));
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                    if (htmlDepth > 1) {
                        htmlDepth--;
                        String name = r.getLocalName().toLowerCase(Locale.ROOT);
                        if (!VOID_ELEMENTS.contains(name)) {
                            append(markup, "</" + name + ">");
                        }
                    } else {
                        String name = names.pop();
                        String text = texts.pop().toString();
                        if (htmlDepth == 1 && hasElements) {
                            text = markup.toString();
                        }
                        htmlDepth = 0;
                        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(text);
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("the document ends inside a job");
                default -> { }
            }
        }
        return fields;
    }

    private static void append(@Nullable StringBuilder sb, String text) {
        if (sb != null && sb.length() <= RAW_FIELD_MAX) {
            sb.append(text, 0, Math.min(text.length(), RAW_FIELD_MAX + 1 - sb.length()));
        }
    }

    private static RawJob raw(int position, Map<String, List<String>> f) {
        List<String> places = new ArrayList<>();
        for (String name : List.of("city", "location", "place", "ort", "joblocation", "arbeitsort")) {
            places.addAll(f.getOrDefault(name, List.of()));
        }
        Boolean remote = null;
        String remoteText = first(f, "remote", "remotework", "homeoffice", "telecommute", "remotetype");
        if (!remoteText.isBlank()) {
            remote = JobNormalizer.isYes(remoteText);
        }
        return new RawJob(position,
                first(f, "title", "jobtitle", "job_title", "position"),
                first(f, "company", "employer", "companyname", "company_name", "hiringorganization", "arbeitgeber"),
                places, remote,
                first(f, "jobtype", "job_type", "employmenttype", "employment_type", "type", "anstellungsart"),
                first(f, "description", "jobdescription", "job_description", "summary"),
                first(f, "url", "applyurl", "apply_url", "application_url", "link"),
                first(f, "date", "dateposted", "date_posted", "posted", "pubdate", "publishdate"),
                first(f, "expiration_date", "expirationdate", "validthrough", "enddate", "end_date", "expires"));
    }

    private static String first(Map<String, List<String>> f, String... names) {
        for (String name : names) {
            for (String value : f.getOrDefault(name, List.of())) {
                if (!value.isBlank()) {
                    return value;
                }
            }
        }
        return "";
    }

    private static ImportReport.Reason classify(Exception e, @Nullable XMLStreamReader r) {
        if (LimitedInputStream.isLimit(e)) {
            return new ImportReport.Reason("job.feed.tooLarge", List.of());
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CharConversionException || c instanceof CharacterCodingException
                    || c instanceof UnsupportedEncodingException) {
                return new ImportReport.Reason("job.feed.encoding", List.of());
            }
        }
        if (undeclaredEntity(e)) {
            return new ImportReport.Reason("job.feed.entity", List.of());
        }
        int line = -1;
        if (e instanceof XMLStreamException x && x.getLocation() != null) {
            line = x.getLocation().getLineNumber();
        } else if (r != null) {
            try {
                line = r.getLocation().getLineNumber();
            } catch (RuntimeException ignored) {
                // no location to report
            }
        }
        return new ImportReport.Reason("job.feed.malformed", List.of(String.valueOf(Math.max(line, 1))));
    }

    /**
     * An entity that is used but not declared (with DTDs off, every custom entity). The JDK's StAX
     * reader has no exception type for it, only a message, and that message is in the server's
     * language: on a server with another locale this is not recognised and the feed is refused as
     * malformed XML at its line instead, which is true as well. Encoding errors, which matter more, are
     * recognised by their type.
     */
    private static boolean undeclaredEntity(Exception e) {
        String message = e.getMessage();
        return message != null && message.contains("was referenced, but not declared");
    }

    private static void close(@Nullable XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release
            }
        }
    }

    // --- JSON --------------------------------------------------------------------------------------

    private ParsedFeed parseJson(InputStream in, @Nullable String charset) {
        List<RawJob> jobs = new ArrayList<>();
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        JsonNode root;
        try {
            root = json.readTree(jsonReader(in, charset));
        } catch (JacksonException | IOException e) {
            return new ParsedFeed(jobs, rejected, jsonFailure(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ParsedFeed(jobs, rejected, new ImportReport.Reason("job.feed.noJobs", List.of()));
        }
        List<JsonNode> entries = new ArrayList<>();
        collect(root, entries, 0);
        ImportReport.Reason failure = null;
        int position = 0;
        for (JsonNode entry : entries) {
            position++;
            if (position > maxJobs) {
                failure = new ImportReport.Reason("job.feed.tooMany", List.of(String.valueOf(maxJobs)));
                break;
            }
            if (!isJobPosting(entry)) {
                rejected.add(new ImportReport.Rejection(position, text(entry.path("name")),
                        new ImportReport.Reason("job.json.notJobPosting", List.of())));
                continue;
            }
            jobs.add(rawJson(position, entry));
        }
        if (entries.isEmpty()) {
            failure = new ImportReport.Reason("job.feed.noJobs", List.of());
        }
        return new ParsedFeed(jobs, rejected, failure);
    }

    /**
     * The document's text, decoded strictly: a byte order mark decides, else the charset the HTTP
     * header named, else UTF-8 (as RFC 8259 wants it). Bytes that do not fit the encoding fail the read
     * with a {@link CharacterCodingException} instead of turning into replacement characters.
     */
    private static Reader jsonReader(InputStream in, @Nullable String charset) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(3);
        in.reset();
        Charset encoding;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
            encoding = StandardCharsets.UTF_8;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            in.skipNBytes(2);
            encoding = StandardCharsets.UTF_16BE;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            in.skipNBytes(2);
            encoding = StandardCharsets.UTF_16LE;
        } else {
            encoding = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        }
        return new InputStreamReader(in, encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Why a JSON feed could not be read, told by the kind of failure, never by the words of its message. */
    private static ImportReport.Reason jsonFailure(Exception e) {
        if (LimitedInputStream.isLimit(e)) {
            return new ImportReport.Reason("job.feed.tooLarge", List.of());
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CharacterCodingException || c instanceof CharConversionException) {
                return new ImportReport.Reason("job.feed.encoding", List.of());
            }
            if (c instanceof StreamConstraintsException) {
                return new ImportReport.Reason("job.feed.limits", List.of());
            }
        }
        return new ImportReport.Reason("job.feed.malformedJson", List.of());
    }

    /** Finds the entries of a document: one object, an array, an {@code @graph}, an ItemList or {@code {"jobs": [...]}}. */
    private static void collect(JsonNode node, List<JsonNode> into, int depth) {
        if (depth > 8) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                collect(n, into, depth + 1);
            }
        } else if (node.isObject()) {
            if (node.has("@graph")) {
                collect(node.get("@graph"), into, depth + 1);
            } else if (hasType(node, "ItemList")) {
                for (JsonNode element : node.path("itemListElement")) {
                    collect(element.has("item") ? element.get("item") : element, into, depth + 1);
                }
            } else if (node.has("jobs") && node.get("jobs").isArray()) {
                collect(node.get("jobs"), into, depth + 1);
            } else {
                into.add(node);
            }
        }
    }

    private static boolean isJobPosting(JsonNode node) {
        return hasType(node, "JobPosting");
    }

    private static boolean hasType(JsonNode node, String type) {
        JsonNode t = node.path("@type");
        if (t.isArray()) {
            for (JsonNode n : t) {
                if (type.equals(text(n))) {
                    return true;
                }
            }
            return false;
        }
        String value = text(t);
        return value.equals(type) || value.equals("https://schema.org/" + type) || value.equals("http://schema.org/" + type);
    }

    private static RawJob rawJson(int position, JsonNode n) {
        JsonNode org = n.path("hiringOrganization");
        String employer = org.isObject() ? text(org.path("name")) : text(org);
        List<String> places = new ArrayList<>();
        JsonNode locations = n.path("jobLocation");
        for (JsonNode location : locations.isArray() ? locations : List.of(locations)) {
            if (location.isObject()) {
                JsonNode address = location.path("address");
                String place = address.isObject() ? text(address.path("addressLocality")) : text(address);
                if (place.isBlank()) {
                    place = text(location.path("name"));
                }
                if (!place.isBlank()) {
                    places.add(place);
                }
            } else if (!text(location).isBlank()) {
                places.add(text(location));
            }
        }
        Boolean remote = null;
        JsonNode locationType = n.path("jobLocationType");
        if (!locationType.isMissingNode()) {
            remote = text(locationType).equalsIgnoreCase("TELECOMMUTE")
                    || (locationType.isArray() && locationType.toString().contains("TELECOMMUTE"));
        }
        JsonNode types = n.path("employmentType");
        String type = types.isArray() && !types.isEmpty() ? text(types.get(0)) : text(types);
        String url = text(n.path("url"));
        if (url.isBlank()) {
            url = text(n.path("sameAs"));
        }
        return new RawJob(position, text(n.path("title")), employer, places, remote, type,
                text(n.path("description")), url, text(n.path("datePosted")), text(n.path("validThrough")));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainer()) {
            return "";
        }
        String s = n.asString();
        return s.length() > RAW_FIELD_MAX ? s.substring(0, RAW_FIELD_MAX + 1) : s;
    }
}
