package de.depesche.site;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The first path segments the application answers itself ({@code /suche}, {@code /jobs},
 * {@code /feed.json}, {@code /admin}, {@code /actuator}, {@code /css}, …): an article whose address
 * equals one of them would never be reached. Read from the mapped controllers and the static folders,
 * so a new page reserves its address without anyone keeping a list.
 */
@Component
public class ReservedPaths {

    private static final Logger log = LoggerFactory.getLogger(ReservedPaths.class);

    /** Addresses the servlet container or the framework answers without a controller of ours. */
    private static final Set<String> FIXED = Set.of("error", "actuator", "webjars");

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;
    private volatile @Nullable Set<String> reserved;

    ReservedPaths(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        // Looked up on first use: the controllers themselves depend on the services that ask.
        this.mappings = mappings;
    }

    /** Whether an address {@code /<slug>} belongs to a fixed page rather than to content. */
    public boolean isReserved(String slug) {
        return all().contains(slug.toLowerCase(Locale.ROOT));
    }

    /** Every reserved first segment, for tests and diagnostics. */
    public Set<String> all() {
        Set<String> r = reserved;
        if (r == null) {
            r = collect();
            reserved = r;
        }
        return r;
    }

    private Set<String> collect() {
        Set<String> names = new TreeSet<>(FIXED);
        mappings.orderedStream().forEach(mapping -> {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                info.getPatternValues().forEach(pattern -> addFirstSegment(names, pattern));
            }
        });
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:static/*")) {
                String name = resource.getFilename();
                if (name != null && !name.isEmpty()) {
                    addSegment(names, name);
                }
            }
        } catch (IOException e) {
            log.warn("Could not list the static folders; their names are not reserved for articles: {}", e.toString());
        }
        return Set.copyOf(names);
    }

    static void addFirstSegment(Set<String> names, String pattern) {
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        int slash = path.indexOf('/');
        addSegment(names, slash < 0 ? path : path.substring(0, slash));
    }

    /**
     * A literal segment is reserved as it is and without its extension ({@code feed.json} → {@code feed});
     * a segment that starts literally and goes on with a variable ({@code sitemap-{kind}.xml}) reserves
     * its literal start ({@code sitemap}). A segment that is only a variable reserves nothing.
     */
    static void addSegment(Set<String> names, String segment) {
        int variable = indexOfAny(segment, "{*");
        String literal = (variable < 0 ? segment : segment.substring(0, variable)).toLowerCase(Locale.ROOT);
        if (variable < 0 && !literal.isEmpty()) {
            names.add(literal);
        }
        int dot = literal.indexOf('.');
        String base = (dot < 0 ? literal : literal.substring(0, dot)).replaceAll("[^a-z0-9]+$", "");
        if (!base.isEmpty()) {
            names.add(base);
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
