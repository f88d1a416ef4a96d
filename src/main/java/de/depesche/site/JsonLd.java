package de.depesche.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** schema.org JSON-LD for reader pages, written safely for a script element; shared by every module's pages. */
@Component
public class JsonLd {

    private final ObjectMapper json;
    private final SiteProperties properties;

    JsonLd(ObjectMapper json, SiteProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    /** JSON for a script element: every "<" is written as \u003c, so no text inside can close the element. */
    public String write(Map<String, Object> data) {
        return json.writeValueAsString(data).replace("<", "\\u003c");
    }

    /** A BreadcrumbList. @param trail pairs of name and path, from the home page down to the current page */
    public String breadcrumbs(List<Map.Entry<String, String>> trail) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@type", "ListItem");
            item.put("position", i + 1);
            item.put("name", trail.get(i).getKey());
            item.put("item", properties.url(trail.get(i).getValue()));
            items.add(item);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "BreadcrumbList");
        data.put("itemListElement", items);
        return write(data);
    }
}
