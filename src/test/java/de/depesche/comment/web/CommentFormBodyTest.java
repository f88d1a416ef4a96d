package de.depesche.comment.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommentFormBodyTest {

    private static CommentFormBody.Parsed parse(String body, boolean cut) {
        return CommentFormBody.parse(body.getBytes(StandardCharsets.ISO_8859_1), cut);
    }

    @Test
    void everyFieldIsDecodedOnItsOwn() {
        byte[] body = "name=Gr%C3%BC%C3%9F+dich&text=ab\u00c3(c&consent=true".getBytes(StandardCharsets.ISO_8859_1);
        CommentFormBody.Parsed p = CommentFormBody.parse(body, false);
        assertThat(p.fields().get("name")).containsExactly("Grüß dich");
        assertThat(p.fields().get("text")).containsExactly("ab\uFFFD(c");
        assertThat(p.fields().get("consent")).containsExactly("true");
        assertThat(p.broken()).containsExactly("text");
        assertThat(p.cutField()).isNull();
    }

    @Test
    void aCutThroughAnEscapeOrACharacterDropsOnlyTheHalfOfIt() {
        CommentFormBody.Parsed halfEscape = parse("name=Ida&text=abc%C3%A", true);
        assertThat(halfEscape.fields().get("text")).containsExactly("abc");
        assertThat(halfEscape.broken()).isEmpty();
        assertThat(halfEscape.cutField()).isEqualTo("text");
        CommentFormBody.Parsed halfCharacter = parse("text=%C3%A4%C3", true);
        assertThat(halfCharacter.fields().get("text")).containsExactly("ä");
        assertThat(halfCharacter.broken()).isEmpty();
    }

    @Test
    void repeatedFieldsAndFieldsWithoutValueAreKept() {
        CommentFormBody.Parsed p = parse("ids=1&ids=2&empty=&flag", false);
        assertThat(p.fields().get("ids")).isEqualTo(List.of("1", "2"));
        assertThat(p.fields().get("empty")).containsExactly("");
        assertThat(p.fields().get("flag")).containsExactly("");
    }

    @Test
    void noMoreFieldsThanAnyFormHas() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("f").append(i).append("=x&");
        }
        assertThat(parse(body.toString(), false).fields()).hasSize(CommentFormBody.MAX_FIELDS);
    }
}
