package de.depesche.site;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text a user can see exists in German and in English, and every key the code names exists. */
class MessageBundlesTest {

    /**
     * Literals that look like message keys but are names of something else: the kinds of mails in the
     * outbox (they name a mail, its text comes from templates).
     */
    private static final Set<String> NOT_MESSAGE_KEYS = Set.of("comment.confirm", "subscription.confirm", "subscription.news");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> keys() throws IOException {
        return load("messages_de.properties").stringPropertyNames();
    }

    private static List<Path> files(String root, String... endings) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(root))) {
            return files.filter(f -> Stream.of(endings).anyMatch(e -> f.toString().endsWith(e))).sorted().toList();
        }
    }

    @Test
    void germanAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> de = new TreeSet<>(load("messages_de.properties").stringPropertyNames());
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        assertThat(en).as("keys missing in English").containsAll(de);
        assertThat(de).as("keys missing in German").containsAll(en);
    }

    @Test
    void everyKeyInTemplatesExists() throws IOException {
        Set<String> keys = keys();
        // #{key}, #{key(…)} and #messages.msg('key'), msgOrNull('key'), msgWithParams('key', …)
        Pattern expression = Pattern.compile("#\\{([a-zA-Z0-9._]+)");
        Pattern utility = Pattern.compile("#messages\\.msg[a-zA-Z]*\\(\\s*'([a-zA-Z0-9._]+)'\\s*[,)]");
        List<String> missing = new ArrayList<>();
        int found = 0;
        for (Path file : files("src/main/resources/templates", ".html", ".txt")) {
            String text = Files.readString(file);
            for (Pattern pattern : List.of(expression, utility)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    found++;
                    if (!keys.contains(m.group(1))) {
                        missing.add(file + " uses " + m.group(1));
                    }
                }
            }
        }
        assertThat(found).as("keys found in templates").isGreaterThan(500);
        assertThat(missing).isEmpty();
    }

    /**
     * Every string literal in the code that has the shape of a message key and starts like the keys in
     * the bundle ({@code article.…}, {@code validation.…}, {@code audit.…}, …) must be a key: the code
     * names its texts as literals (InvalidInput.of, getMessage, notices, audit actions, revision notes).
     */
    @Test
    void everyMessageKeyInTheCodeExists() throws IOException {
        Set<String> keys = keys();
        Set<String> prefixes = keys.stream().map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
                .collect(Collectors.toSet());
        Pattern literal = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)\"");
        List<String> missing = new ArrayList<>();
        int found = 0;
        for (Path file : files("src/main/java", ".java")) {
            Matcher m = literal.matcher(Files.readString(file));
            while (m.find()) {
                String candidate = m.group(1);
                if (!prefixes.contains(candidate.substring(0, candidate.indexOf('.'))) || NOT_MESSAGE_KEYS.contains(candidate)) {
                    continue;
                }
                found++;
                if (!keys.contains(candidate)) {
                    missing.add(file + " uses " + candidate);
                }
            }
        }
        assertThat(found).as("keys found in the code").isGreaterThan(300);
        assertThat(missing).isEmpty();
    }

    /** Keys the code builds from enum constants (reasons, kinds, form token verdicts). */
    @Test
    void everyKeyBuiltFromAnEnumExists() throws Exception {
        Set<String> keys = keys();
        List<String> missing = new ArrayList<>();
        for (Path file : files("src/main/java", ".java")) {
            String text = Files.readString(file);
            if (!text.contains("enum ") || !text.contains("String messageKey()")) {
                continue;
            }
            String className = Path.of("src/main/java").relativize(file).toString()
                    .replace(".java", "").replace('/', '.').replace('\\', '.');
            Class<?> type = Class.forName(className);
            if (!type.isEnum()) {
                continue;
            }
            Method messageKey = type.getMethod("messageKey");
            for (Object constant : type.getEnumConstants()) {
                String key = (String) messageKey.invoke(constant);
                if (!keys.contains(key)) {
                    missing.add(type.getSimpleName() + "." + constant + " → " + key);
                }
            }
        }
        for (FormTokens.Verdict verdict : FormTokens.Verdict.values()) {
            if (verdict != FormTokens.Verdict.VALID) {
                for (String form : List.of("comment", "subscription")) {
                    String key = form + ".token." + verdict.name().toLowerCase(Locale.ROOT);
                    if (!keys.contains(key)) {
                        missing.add(key);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
