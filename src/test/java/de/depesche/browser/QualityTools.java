package de.depesche.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party checkers the quality tests run: the Nu Html Checker ({@code vnu.jar} from the
 * npm package {@code vnu-jar}) and axe-core ({@code axe.min.js} from the npm package {@code axe-core}).
 * Each is looked up by its own system property ({@code depesche.vnu}, {@code depesche.axe}), else under
 * the npm prefix in {@code depesche.tools} (default {@code .tools} in the project, where .ci/run
 * installs them with {@code npm install --prefix .tools}). A missing tool skips the test with a message,
 * except under CI=true, where it fails the run.
 */
final class QualityTools {

    static final String INSTALL = "npm install --prefix .tools --no-save --ignore-scripts vnu-jar@26.9.27 axe-core@4.14.1";

    private QualityTools() {}

    static Path vnu() {
        return locate("depesche.vnu", "node_modules/vnu-jar/build/dist/vnu.jar", "the Nu Html Checker (vnu.jar)");
    }

    static Path axe() {
        return locate("depesche.axe", "node_modules/axe-core/axe.min.js", "axe-core (axe.min.js)");
    }

    /** The java launcher of the JDK running the tests; vnu needs Java 11 or newer, as the build does. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path locate(String property, String underTools, String what) {
        String explicit = System.getProperty(property);
        Path file = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : Path.of(System.getProperty("depesche.tools", ".tools")).resolve(underTools);
        if (!Files.isReadable(file)) {
            String message = "Quality tests need " + what + " at " + file.toAbsolutePath()
                    + ": run `" + INSTALL + "` in the project, or set -D" + property + "=<file>";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
