package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Run by bench/moderation-train.sh after training: fails when a term of the shipped term weights occurs in the
 * GermEval tweets only inside user handles (a person's name, not a topic), or not at all in their cleaned text.
 */
final class ShippedTermsCheck {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ModerationTraining.RESOURCES);
        TermAnalyzer analyzer = new de.depesche.search.GermanAnalysis()::terms;
        Set<String> shipped;
        try (InputStream in = Files.newInputStream(dir.resolve(ModerationAssistant.TERM_WEIGHTS))) {
            shipped = TermWeights.Counts.read(in).frequencies().keySet();
        }
        Set<String> inText = new HashSet<>();
        Set<String> inHandles = new HashSet<>();
        for (DevelopmentData.Tweet t : DevelopmentData.germEval()) {
            inText.addAll(analyzer.terms(TrainingText.clean(t.text())));
            for (String handle : TrainingText.handles(t.text())) {
                inHandles.addAll(analyzer.terms(handle));
            }
        }
        Set<String> onlyInHandles = new TreeSet<>(inHandles);
        onlyInHandles.removeAll(inText);
        Set<String> leaked = new TreeSet<>(shipped);
        leaked.retainAll(onlyInHandles);
        Set<String> unknown = new TreeSet<>(shipped);
        unknown.removeAll(inText);
        System.out.printf(Locale.ROOT, "shipped terms: %d; terms found only in handles: %d; of these shipped: %d; shipped but not in the cleaned text: %d%n",
                shipped.size(), onlyInHandles.size(), leaked.size(), unknown.size());
        if (!leaked.isEmpty() || !unknown.isEmpty()) {
            System.out.println("FAILED: " + List.copyOf(leaked).subList(0, Math.min(20, leaked.size())) + " "
                    + List.copyOf(unknown).subList(0, Math.min(20, unknown.size())));
            System.exit(1);
        }
        System.out.println("ok: no shipped term comes from a user handle alone");
    }
}
