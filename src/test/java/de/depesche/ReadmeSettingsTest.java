package de.depesche;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's settings table lists every setting the code reads, under the environment variable that
 * really sets it (relaxed binding: dots and dashes become underscores, or dashes disappear).
 */
class ReadmeSettingsTest {

    private static final Pattern ENV_TOKEN = Pattern.compile("\\b(DEPESCHE_[A-Z0-9_]*[A-Z0-9])\\b");

    /** Every depesche.* property: the components of each @ConfigurationProperties record and every @Value. */
    private static Set<String> properties() throws Exception {
        Set<String> names = new TreeSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition definition : scanner.findCandidateComponents("de.depesche")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            collect(names, prefix, type);
        }
        Pattern value = Pattern.compile("@Value\\(\"\\$\\{(depesche\\.[a-z0-9.-]+)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = value.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static void collect(Set<String> names, String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            if (component.getType().isRecord() && component.getType().getName().startsWith("de.depesche")) {
                collect(names, name, component.getType());
            } else {
                names.add(name);
            }
        }
    }

    /** The environment variables that set a property: both forms of Spring Boot's relaxed binding. */
    private static List<String> variables(String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    private static String table() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("| Environment variable |");
        return readme.substring(start, readme.indexOf("\n\n", start));
    }

    @Test
    void everySettingOfTheCodeIsInTheTable() throws Exception {
        String table = table();
        Set<String> listed = new TreeSet<>();
        Matcher m = ENV_TOKEN.matcher(table);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> properties = properties();
        assertThat(properties).contains("depesche.data-dir", "depesche.page-cache.max-age", "depesche.scheduler.threads",
                "depesche.demo-content", "depesche.search.similar-half-life");
        List<String> missing = new ArrayList<>();
        for (String property : properties) {
            if (variables(property).stream().noneMatch(listed::contains)) {
                missing.add(property + " (" + variables(property).getFirst() + ")");
            }
        }
        Pattern placeholder = Pattern.compile("\\$\\{(DEPESCHE_[A-Z0-9_]+)");
        Matcher p = placeholder.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (p.find()) {
            if (!listed.contains(p.group(1))) {
                missing.add(p.group(1) + " (application.properties)");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyVariableInTheTableSetsSomething() throws Exception {
        Set<String> known = new TreeSet<>();
        properties().forEach(property -> known.addAll(variables(property)));
        Matcher p = Pattern.compile("\\$\\{(DEPESCHE_[A-Z0-9_]+)").matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (p.find()) {
            known.add(p.group(1));
        }
        List<String> unknown = new ArrayList<>();
        Matcher m = ENV_TOKEN.matcher(table());
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        assertThat(unknown).isEmpty();
    }

    /** A row that names the property in brackets names it under the variable that binds to it. */
    @Test
    void variablesAndTheirPropertiesMatch() throws IOException {
        Matcher row = Pattern.compile("\\| `([A-Z0-9_]+)` \\(`([a-z0-9.-]+)`\\)").matcher(table());
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        while (row.find()) {
            rows++;
            if (!variables(row.group(2)).contains(row.group(1))) {
                wrong.add(row.group(1) + " ≠ " + row.group(2));
            }
        }
        assertThat(rows).isGreaterThan(40);
        assertThat(wrong).isEmpty();
    }
}
