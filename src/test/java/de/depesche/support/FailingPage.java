package de.depesche.support;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A page that breaks on purpose, only in tests: what a reader and an operator get when something
 * fails that nobody expected. Registered by {@link TestData.Config}, invisible to component scanning.
 */
@TestComponent
@Controller
class FailingPage {

    static final String PATH = "/test-only/kaputt";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException("a failure on purpose, for the error page test");
    }
}
