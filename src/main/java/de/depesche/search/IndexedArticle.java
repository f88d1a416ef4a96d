package de.depesche.search;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import de.depesche.article.Article;
import de.depesche.article.Category;
import de.depesche.article.Tag;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.springframework.web.util.HtmlUtils;

/**
 * A published article as the index holds it: the words readers search for, what a hit shows, and the
 * dates for filters, sorting and the change feed.
 */
record IndexedArticle(long id, String title, String slug, String lead, String body, List<String> tags,
                      List<String> categorySlugs, List<String> categoryNames, String author,
                      Instant publishedAt, Instant updatedAt) {

    static final String KEY = "key";
    static final String ID = "id";
    static final String SLUG = "slug";
    static final String TITLE = "title";
    static final String LEAD = "lead";
    static final String BODY = "body";
    static final String TAGS = "tags";
    static final String AUTHOR = "author";
    static final String CATEGORY = "category";
    static final String CATEGORY_NAMES = "categoryNames";
    static final String PUBLISHED = "published";
    static final String UPDATED = "updated";
    /** Everything a reader would call the article's content, with term vectors: the basis of "similar". */
    static final String CONTENT = "content";
    /** Words as written, for "did you mean". */
    static final String SPELL = "spell";

    /** Searchable, stored, with offsets in the postings so that snippets need no second analysis. */
    private static final FieldType SHOWN_TEXT = new FieldType();
    private static final FieldType CONTENT_TYPE = new FieldType();
    private static final FieldType SPELL_TYPE = new FieldType();

    static {
        SHOWN_TEXT.setTokenized(true);
        SHOWN_TEXT.setStored(true);
        SHOWN_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        SHOWN_TEXT.freeze();
        CONTENT_TYPE.setTokenized(true);
        CONTENT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        CONTENT_TYPE.setStoreTermVectors(true);
        CONTENT_TYPE.freeze();
        SPELL_TYPE.setTokenized(true);
        SPELL_TYPE.setOmitNorms(true);
        SPELL_TYPE.setIndexOptions(IndexOptions.DOCS);
        SPELL_TYPE.freeze();
    }

    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|h[1-6]|li|blockquote|pre|tr|td|th)>|<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+");

    IndexedArticle {
        tags = List.copyOf(tags);
        categorySlugs = List.copyOf(categorySlugs);
        categoryNames = List.copyOf(categoryNames);
    }

    static IndexedArticle of(Article a, String authorName) {
        return new IndexedArticle(a.id(), a.title(), a.slug(), a.lead(), plainText(a.bodyHtml()),
                a.tags().stream().map(Tag::name).toList(),
                a.categories().stream().map(Category::slug).toList(),
                a.categories().stream().map(Category::name).toList(),
                authorName, a.displayDate(), a.changedAt());
    }

    /** The readable text of sanitised article HTML: paragraphs as lines, entities decoded. */
    static String plainText(String html) {
        String text = BLOCK_END.matcher(html).replaceAll("\n");
        text = TAG.matcher(text).replaceAll(" ");
        text = HtmlUtils.htmlUnescape(text);
        return SPACE.matcher(text).replaceAll(" ").replaceAll(" ?\n ?", "\n").strip();
    }

    Document toDocument() {
        Document d = new Document();
        d.add(new StringField(KEY, key(id), Field.Store.NO));
        d.add(new LongField(ID, id, Field.Store.YES));
        d.add(new StoredField(SLUG, slug));
        d.add(new Field(TITLE, title, SHOWN_TEXT));
        d.add(new Field(LEAD, lead, SHOWN_TEXT));
        d.add(new Field(BODY, body, SHOWN_TEXT));
        String tagText = String.join(", ", tags);
        String categoryText = String.join(", ", categoryNames);
        d.add(new Field(TAGS, tagText + (categoryText.isEmpty() ? "" : "\n" + categoryText), SHOWN_TEXT));
        d.add(new Field(AUTHOR, author, SHOWN_TEXT));
        categorySlugs.forEach(c -> d.add(new StringField(CATEGORY, c, Field.Store.YES)));
        categoryNames.forEach(c -> d.add(new StoredField(CATEGORY_NAMES, c)));
        d.add(new LongField(PUBLISHED, publishedAt.toEpochMilli(), Field.Store.YES));
        d.add(new StoredField(UPDATED, updatedAt.toEpochMilli()));
        // The title counts twice: it says in a few words what the article is about.
        d.add(new Field(CONTENT, String.join("\n", title, title, lead, tagText, categoryText, body), CONTENT_TYPE));
        d.add(new Field(SPELL, String.join("\n", title, lead, tagText, body), SPELL_TYPE));
        return d;
    }

    static String key(long id) {
        return Long.toString(id);
    }
}
