package de.depesche.search;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --depesche.search.rebuild} on the command line rebuilds the index after start-up (progress in
 * the log and under /admin/search); the site keeps answering meanwhile.
 */
@Component
class RebuildSwitch implements ApplicationRunner {

    static final String OPTION = "depesche.search.rebuild";

    private final IndexKeeper index;

    RebuildSwitch(IndexKeeper index) {
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        // "--depesche.search.rebuild" without a value; with "=true" the property already did it at start.
        if (args.containsOption(OPTION) && args.getOptionValues(OPTION).stream().allMatch(String::isEmpty)) {
            index.rebuild("requested on the command line");
        }
    }
}
