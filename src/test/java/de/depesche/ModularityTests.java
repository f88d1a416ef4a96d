package de.depesche;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(DepescheApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiWithoutCycles() {
        modules.verify();
    }

    /** The modules of DESIGN.md, plus demo (first-start content). */
    @Test
    void everyFeatureModuleOfTheDesignExists() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .containsExactlyInAnyOrder("article", "comment", "moderation", "search", "subscription", "mail", "feed",
                        "discovery", "job", "promo", "account", "site", "demo");
    }

    @Test
    void writesModuleDocumentation(@TempDir Path folder) throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();

        assertThat(folder.resolve("components.puml")).isNotEmptyFile();
        assertThat(Files.readString(folder.resolve("components.puml"))).contains("Publishing");
        for (String module : new String[] {"article", "comment", "site", "account"}) {
            assertThat(folder.resolve("module-" + module + ".puml")).as(module).isNotEmptyFile();
            assertThat(folder.resolve("module-" + module + ".adoc")).as(module).isNotEmptyFile();
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".puml"))).hasSizeGreaterThan(modules.stream().toList().size());
        }
    }
}
