package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demeaning score: the trained model's probability, raised to a floor when the word list finds a
 * threat, a slur, a dehumanising word or an insult aimed at the reader. Its reasons are the matched
 * entries first, then the words with the largest share in the model's verdict.
 */
final class DemeaningScorer {

    /** The lowest score a match of these categories gives, whatever the model says. */
    static final Map<DemeaningLexicon.Category, Double> FLOORS = Map.of(
            DemeaningLexicon.Category.THREAT, 0.8,
            DemeaningLexicon.Category.SLUR, 0.7,
            DemeaningLexicon.Category.ADDRESSED, 0.7,
            DemeaningLexicon.Category.DEHUMANISING, 0.6);

    private static final int MAX_REASONS = 5;
    /** A word must add at least this much to the model's logit to be named. */
    private static final double MIN_CONTRIBUTION = 0.25;

    private final LinearModel model;
    private final DemeaningLexicon lexicon;
    private final boolean floors;

    DemeaningScorer(LinearModel model, DemeaningLexicon lexicon) {
        this(model, lexicon, true);
    }

    DemeaningScorer(LinearModel model, DemeaningLexicon lexicon, boolean floors) {
        this.model = model;
        this.lexicon = lexicon;
        this.floors = floors;
    }

    record Verdict(double score, List<String> because) {}

    Verdict score(CommentText text, double threshold) {
        List<DemeaningLexicon.Match> matches = lexicon.find(text.tokens());
        DemeaningFeatures.Vector x = DemeaningFeatures.of(text, matches);
        double score = model.probability(x);
        if (floors) {
            for (DemeaningLexicon.Match m : matches) {
                score = Math.max(score, FLOORS.getOrDefault(m.category(), 0.0));
            }
        }
        if (score < threshold / 2) {
            return new Verdict(score, List.of());
        }
        return new Verdict(score, reasons(text, matches, x));
    }

    /** The model's probability alone, for training and evaluation. */
    double probability(CommentText text) {
        return model.probability(DemeaningFeatures.of(text, lexicon.find(text.tokens())));
    }

    private List<String> reasons(CommentText text, List<DemeaningLexicon.Match> matches, DemeaningFeatures.Vector x) {
        Set<String> because = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        List<DemeaningLexicon.Match> ordered = new ArrayList<>(matches);
        // Threats and slurs first: they matter most to a moderator.
        ordered.sort(java.util.Comparator.comparingInt(m -> severity(m.category())));
        for (DemeaningLexicon.Match m : ordered) {
            if (because.size() >= MAX_REASONS) {
                break;
            }
            String quote = text.quote(m.from(), m.to());
            if (seen.add(quote.toLowerCase(Locale.ROOT))) {
                because.add(quote);
            }
        }
        Map<Long, Double> bySpan = new HashMap<>();
        for (int k = 0; k < x.size(); k++) {
            if (x.from()[k] < 0) {
                continue;
            }
            double c = model.weight(x.index()[k]) * x.value()[k];
            bySpan.merge(((long) x.from()[k] << 32) | x.to()[k], c, Double::sum);
        }
        bySpan.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_CONTRIBUTION)
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
                .limit(MAX_REASONS * 2L)
                .forEach(e -> {
                    if (because.size() < MAX_REASONS) {
                        String quote = text.quote((int) (e.getKey() >>> 32), (int) (long) e.getKey());
                        if (quote.length() >= 3 && seen.add(quote.toLowerCase(Locale.ROOT))) {
                            because.add(quote);
                        }
                    }
                });
        return List.copyOf(because);
    }

    private static int severity(DemeaningLexicon.Category c) {
        return switch (c) {
            case THREAT -> 0;
            case SLUR -> 1;
            case ADDRESSED -> 2;
            case DEHUMANISING -> 3;
            case INSULT -> 4;
            case VIOLENCE -> 5;
            case CONTEMPT -> 6;
            case PROFANITY -> 7;
        };
    }
}
