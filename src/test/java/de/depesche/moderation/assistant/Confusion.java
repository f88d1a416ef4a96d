package de.depesche.moderation.assistant;

import java.util.Locale;

/** Counts of one label's decisions against the moderators' labels, with precision, recall and F1. */
final class Confusion {

    int truePositives;
    int falsePositives;
    int falseNegatives;
    int trueNegatives;

    void add(boolean predicted, boolean actual) {
        if (predicted && actual) {
            truePositives++;
        } else if (predicted) {
            falsePositives++;
        } else if (actual) {
            falseNegatives++;
        } else {
            trueNegatives++;
        }
    }

    double precision() {
        int p = truePositives + falsePositives;
        return p == 0 ? 0.0 : (double) truePositives / p;
    }

    double recall() {
        int a = truePositives + falseNegatives;
        return a == 0 ? 0.0 : (double) truePositives / a;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    int total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    String summary() {
        return String.format(Locale.ROOT, "P %.3f  R %.3f  F1 %.3f", precision(), recall(), f1());
    }

    String matrix(String label) {
        return String.format(Locale.ROOT, """
                                     labelled %-9s  labelled other
                      flagged        %8d  %14d
                      not flagged    %8d  %14d""", label, truePositives, falsePositives, falseNegatives, trueNegatives);
    }

    /** The F1-best threshold over {@code scores}, searched in steps of 0.01. */
    static double bestThreshold(double[] scores, boolean[] labels) {
        double best = 0.5;
        double bestF1 = -1;
        for (int t = 5; t <= 95; t++) {
            Confusion c = new Confusion();
            for (int i = 0; i < scores.length; i++) {
                c.add(scores[i] >= t / 100.0, labels[i]);
            }
            if (c.f1() > bestF1) {
                bestF1 = c.f1();
                best = t / 100.0;
            }
        }
        return best;
    }

    static Confusion of(double[] scores, boolean[] labels, double threshold) {
        Confusion c = new Confusion();
        for (int i = 0; i < scores.length; i++) {
            c.add(scores[i] >= threshold, labels[i]);
        }
        return c;
    }
}
