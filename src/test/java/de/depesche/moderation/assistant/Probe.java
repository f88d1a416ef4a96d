package de.depesche.moderation.assistant;

import java.util.List;

final class Probe {
    public static void main(String[] args) {
        var a = new ModerationAssistant(new LuceneGermanTerms(), de.depesche.moderation.AssistantThresholds.defaults());
        var art = new ArticleContext("NATO-Verteidigungsminister beraten über Drohnenabwehr an der Ostflanke", "Die Verteidigungsminister der NATO haben über Drohnen beraten.");
        for (String c : args) {
            String s = c.length() > 60 ? c.substring(0, 60) : c;
            System.out.println(s + "\n   " + a.assess(art, List.of(), c));
        }
    }
}
