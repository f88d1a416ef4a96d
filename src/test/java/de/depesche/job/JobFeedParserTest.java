package de.depesche.job;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading feeds without trusting them: the shapes we accept and every kind of bad input. */
class JobFeedParserTest {

    private final JobFeedParser parser = new JobFeedParser(5000);

    static final String FEED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <source>
              <publisher>Jobbörse</publisher>
              <job>
                <title><![CDATA[Redakteur (m/w/d) Sicherheitspolitik]]></title>
                <date>Fri, 10 Jan 2025 09:00:00 GMT</date>
                <url><![CDATA[https://jobs.example.org/42?utm_source=feed&id=42]]></url>
                <company><![CDATA[Medienhaus Nord GmbH]]></company>
                <city>20095 Hamburg</city>
                <country>DE</country>
                <description><![CDATA[<p>Wir suchen <b>Sie</b>.</p>]]></description>
                <jobtype>fulltime</jobtype>
                <expiration_date>2099-12-31</expiration_date>
              </job>
              <job>
                <title>Data Engineer</title>
                <company>Beispiel AG</company>
                <location>Remote</location>
                <url>https://beispiel.example/jobs/7</url>
                <description>Text ohne HTML</description>
              </job>
            </source>
            """;

    private JobFeedParser.ParsedFeed parse(String feed) {
        return parser.parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)), FeedFormat.AUTO, null);
    }

    @Test
    void readsTheCommonSourceJobShapeOfJobBoardFeeds() {
        JobFeedParser.ParsedFeed feed = parse(FEED);
        assertThat(feed.failure()).isNull();
        assertThat(feed.jobs()).hasSize(2);
        JobFeedParser.RawJob first = feed.jobs().getFirst();
        assertThat(first.title()).isEqualTo("Redakteur (m/w/d) Sicherheitspolitik");
        assertThat(first.employer()).isEqualTo("Medienhaus Nord GmbH");
        assertThat(first.places()).containsExactly("20095 Hamburg");
        assertThat(first.description()).isEqualTo("<p>Wir suchen <b>Sie</b>.</p>");
        assertThat(first.employmentType()).isEqualTo("fulltime");
        assertThat(first.end()).isEqualTo("2099-12-31");
        assertThat(feed.jobs().get(1).places()).containsExactly("Remote");
    }

    @Test
    void keepsHtmlThatWasNotWrappedInCdataAsMarkup() {
        JobFeedParser.ParsedFeed feed = parse("""
                <source><job><title>T</title><description><p>Erster</p><ul><li>Punkt</li></ul></description></job></source>
                """);
        assertThat(feed.jobs().getFirst().description()).isEqualTo("<p>Erster</p><ul><li>Punkt</li></ul>");
    }

    @Test
    void htmlWrittenAsXmlElementsKeepsItsAttributesAndItsTextStaysText() {
        JobFeedParser.ParsedFeed feed = parse("""
                <source><job><title>T</title><description>Wir suchen <a href="https://firma.example/?a=1&amp;b=2" title='Team "Nord"'>Sie</a>
                für 3 &lt; 4 Tage<br/>pro Woche<![CDATA[ & mehr]]></description></job></source>
                """);
        assertThat(feed.jobs().getFirst().description()).isEqualTo(
                "Wir suchen <a href=\"https://firma.example/?a=1&amp;b=2\" title=\"Team &quot;Nord&quot;\">Sie</a>\n"
                        + "für 3 &lt; 4 Tage<br>pro Woche &amp; mehr");
        assertThat(JobNormalizer.description(feed.jobs().getFirst().description())).isEqualTo(
                "Wir suchen <a href=\"https://firma.example/?a&#61;1&amp;b&#61;2\" title=\"Team &#34;Nord&#34;\" rel=\"noopener\">Sie</a>\n"
                        + "für 3 &lt; 4 Tage<br />pro Woche &amp; mehr");
    }

    @Test
    void jsonIsReadInTheCharsetTheHeaderNamesAndStrictlyAsUtf8Otherwise() {
        byte[] latin1 = "{\"@type\": \"JobPosting\", \"title\": \"Redakteur Köln\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(new ByteArrayInputStream(latin1), FeedFormat.JSON, "ISO-8859-1").jobs().getFirst().title())
                .isEqualTo("Redakteur Köln");
        assertThat(parser.parse(new ByteArrayInputStream(latin1), FeedFormat.JSON, null).failure().messageKey())
                .isEqualTo("job.feed.encoding");
        assertThat(parser.parse(new ByteArrayInputStream(latin1), FeedFormat.JSON, "UTF-8").failure().messageKey())
                .isEqualTo("job.feed.encoding");
        byte[] utf16WithMark = "\uFEFF{\"@type\": \"JobPosting\", \"title\": \"Straße\"}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(parser.parse(new ByteArrayInputStream(utf16WithMark), FeedFormat.JSON, null).jobs().getFirst().title())
                .isEqualTo("Straße");
        assertThat(parser.parse(new ByteArrayInputStream(latin1), FeedFormat.JSON, "x-unbekannt").failure())
                .isEqualTo(new ImportReport.Reason("job.feed.charset", List.of("x-unbekannt")));
    }

    @Test
    void jsonBeyondItsLimitsIsToldApartFromBrokenJsonByTheKindOfFailure() {
        assertThat(parse("[".repeat(100) + "]".repeat(100)).failure().messageKey()).isEqualTo("job.feed.limits");
        assertThat(parse("{\"@type\": \"JobPosting\", \"title\": }").failure().messageKey()).isEqualTo("job.feed.malformedJson");
    }

    @Test
    void refusesBillionLaughsWithoutExpandingAnything() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        bomb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"");
            bomb.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        bomb.append("]>\n<source><job><title>&lol9;</title></job></source>");
        JobFeedParser.ParsedFeed feed = parse(bomb.toString());
        assertThat(feed.jobs()).isEmpty();
        assertThat(feed.failure()).isNotNull();
        assertThat(feed.failure().messageKey()).isIn("job.feed.dtd", "job.feed.entity");
    }

    @Test
    void neverReadsLocalFilesThroughExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE source [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <source><job><title>&xxe;</title><company>X</company></job></source>
                """;
        JobFeedParser.ParsedFeed feed = parse(xxe);
        assertThat(feed.jobs()).isEmpty();
        assertThat(feed.failure()).isNotNull();
        assertThat(feed.toString()).doesNotContain("root:");
    }

    @Test
    void anUndeclaredEntityWithoutDoctypeIsRefused() {
        JobFeedParser.ParsedFeed feed = parse("<source><job><title>&secret;</title></job></source>");
        assertThat(feed.jobs()).isEmpty();
        assertThat(feed.failure().messageKey()).isEqualTo("job.feed.entity");
    }

    @Test
    void stopsReadingAHugeFeedAtTheLimitWithoutHoldingItInMemory() {
        long hundredMegabytes = 100L * 1024 * 1024;
        CountingEndlessFeed endless = new CountingEndlessFeed(hundredMegabytes);
        long limit = 2L * 1024 * 1024;
        // However many entries it has: the byte limit stops it first.
        JobFeedParser.ParsedFeed feed = new JobFeedParser(Integer.MAX_VALUE)
                .parse(new LimitedInputStream(endless, limit), FeedFormat.XML, null);
        assertThat(feed.failure()).isNotNull();
        assertThat(feed.failure().messageKey()).isEqualTo("job.feed.tooLarge");
        // Read a little past the limit (buffers), never the 100 MB.
        assertThat(endless.served).isLessThan(limit + 256 * 1024);
    }

    @Test
    void aHugeJsonFeedIsStoppedAtTheLimitToo() {
        InputStream endlessString = new InputStream() {
            private boolean first = true;

            @Override
            public int read() {
                if (first) {
                    first = false;
                    return '"';
                }
                return 'a';
            }
        };
        JobFeedParser.ParsedFeed feed = parser.parse(new LimitedInputStream(endlessString, 1L << 20), FeedFormat.JSON, null);
        assertThat(feed.failure().messageKey()).isIn("job.feed.tooLarge", "job.feed.limits");
    }

    @Test
    void bytesThatDoNotFitTheDeclaredEncodingAreAClearError() {
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><source><job><title>Köln Büro</title></job></source>"
                .getBytes(StandardCharsets.ISO_8859_1);
        JobFeedParser.ParsedFeed feed = parser.parse(new ByteArrayInputStream(latin1), FeedFormat.AUTO, null);
        assertThat(feed.failure()).isNotNull();
        assertThat(feed.failure().messageKey()).isEqualTo("job.feed.encoding");
    }

    @Test
    void readsAFeedInTheEncodingItDeclaresOrTheHttpHeaderNames() {
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><source><job><title>Redakteur Köln</title></job></source>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(new ByteArrayInputStream(latin1), FeedFormat.AUTO, null).jobs().getFirst().title())
                .isEqualTo("Redakteur Köln");
        byte[] undeclared = "<source><job><title>Straße</title></job></source>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(new ByteArrayInputStream(undeclared), FeedFormat.XML, "ISO-8859-1").jobs().getFirst().title())
                .isEqualTo("Straße");
    }

    @Test
    void aFeedThatBreaksHalfwayKeepsTheJobsBeforeTheBreak() {
        JobFeedParser.ParsedFeed feed = parse("<source><job><title>Ganz</title></job><job><title>Kaputt</ti");
        assertThat(feed.jobs()).extracting(JobFeedParser.RawJob::title).containsExactly("Ganz");
        assertThat(feed.failure().messageKey()).isEqualTo("job.feed.malformed");
    }

    @Test
    void refusesWhatIsNoFeedAtAll() {
        assertThat(parse("").failure()).isNotNull();
        assertThat(parse("Hallo Welt").failure()).isNotNull();
        assertThat(parse("<html><body>Kein Feed</body></html>").failure().messageKey()).isEqualTo("job.feed.noJobs");
        assertThat(parse("{\"kaputt\": ").failure().messageKey()).isEqualTo("job.feed.malformedJson");
    }

    @Test
    void readsSchemaOrgJobPostingsAsObjectArrayGraphAndItemList() {
        String posting = """
                {"@context": "https://schema.org", "@type": "JobPosting", "title": "Entwicklerin Backend",
                 "description": "<p>Java</p>", "datePosted": "2025-01-10", "validThrough": "2099-06-30T23:59:59+02:00",
                 "employmentType": ["PART_TIME", "CONTRACTOR"],
                 "hiringOrganization": {"@type": "Organization", "name": "Technik GmbH"},
                 "jobLocation": [{"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Leipzig"}},
                                 {"@type": "Place", "address": "Dresden"}],
                 "url": "https://technik.example/jobs/1"}
                """;
        for (String doc : List.of(posting, "[" + posting + "]", "{\"@graph\": [" + posting + "]}",
                "{\"@type\": \"ItemList\", \"itemListElement\": [{\"@type\": \"ListItem\", \"item\": " + posting + "}]}")) {
            JobFeedParser.ParsedFeed feed = parse(doc);
            assertThat(feed.failure()).as(doc).isNull();
            JobFeedParser.RawJob job = feed.jobs().getFirst();
            assertThat(job.title()).isEqualTo("Entwicklerin Backend");
            assertThat(job.employer()).isEqualTo("Technik GmbH");
            assertThat(job.places()).containsExactly("Leipzig", "Dresden");
            assertThat(job.employmentType()).isEqualTo("PART_TIME");
            assertThat(job.url()).isEqualTo("https://technik.example/jobs/1");
        }
    }

    @Test
    void telecommuteMeansRemoteAndOtherTypesAreRejectedWithAReason() {
        JobFeedParser.ParsedFeed feed = parse("""
                [{"@type": "JobPosting", "title": "Remote", "jobLocationType": "TELECOMMUTE"},
                 {"@type": "Event", "name": "Konferenz"}]
                """);
        assertThat(feed.jobs().getFirst().remote()).isTrue();
        assertThat(feed.rejected()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(2);
            assertThat(r.reason().messageKey()).isEqualTo("job.json.notJobPosting");
        });
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(parse(deep).failure()).isNotNull();
    }

    /** An endless stream of valid-looking feed text that counts what it hands out; nothing is allocated up front. */
    static final class CountingEndlessFeed extends InputStream {
        private static final byte[] CHUNK = "<job><title>Endlos</title><company>Firma</company></job>\n".getBytes(StandardCharsets.UTF_8);
        private static final byte[] HEAD = "<source>".getBytes(StandardCharsets.UTF_8);
        private final long size;
        long served;

        CountingEndlessFeed(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            byte b = served < HEAD.length ? HEAD[(int) served] : CHUNK[(int) ((served - HEAD.length) % CHUNK.length)];
            served++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
