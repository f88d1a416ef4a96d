package de.depesche.moderation.assistant;

import java.util.Map;

import de.depesche.moderation.AssistantThresholds;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistantThresholdsTest {

    private static AssistantThresholds bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("depesche.moderation.assistant", AssistantThresholds.class);
    }

    @Test
    void operatorsSetEachThresholdAndKeepTheDefaultsOfTheOthers() {
        AssistantThresholds t = bind(Map.of("depesche.moderation.assistant.off-topic", "0.65",
                "depesche.moderation.assistant.demeaning", "0.4"));
        assertThat(t.offTopic()).isEqualTo(0.65);
        assertThat(t.demeaning()).isEqualTo(0.4);
        assertThat(t.spam()).isEqualTo(AssistantThresholds.defaults().spam());
        assertThat(bind(Map.of())).isEqualTo(AssistantThresholds.defaults());
    }

    @Test
    void refusesAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> bind(Map.of("depesche.moderation.assistant.spam", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("spam");
        assertThatThrownBy(() -> bind(Map.of("depesche.moderation.assistant.demeaning", "70")))
                .isInstanceOf(BindException.class);
    }
}
