package de.depesche.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text a user can see exists in German and in English, and every key the code names exists. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
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
        Set<String> keys = load("messages_de.properties").stringPropertyNames();
        Pattern pattern = Pattern.compile("#\\{([a-zA-Z0-9._]+)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(keys).as(file + " uses " + m.group(1)).contains(m.group(1));
                }
            }
        }
    }

    @Test
    void everyMessageKeyInTheCodeExists() throws IOException {
        Set<String> keys = load("messages_de.properties").stringPropertyNames();
        Pattern pattern = Pattern.compile("\"((?:validation|article|image|staff|password|token|settings|category|revision|api\\.error|login|audit)\\.[a-zA-Z.]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    assertThat(keys).as(file + " uses " + key).contains(key);
                }
            }
        }
    }
}
