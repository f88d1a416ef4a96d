package de.depesche.moderation.assistant;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How telling a term is (inverse document frequency): "Regierung" says more about a topic than "sagen".
 * Terms the table does not know count as rare, which is what they usually are. Stored as gzip text: a
 * header line with the number of documents, then one {@code term<TAB>documents} line per term.
 */
final class TermWeights {

    private final Map<String, Float> idf;
    private final float unknown;

    private TermWeights(Map<String, Float> idf, float unknown) {
        this.idf = idf;
        this.unknown = unknown;
    }

    /** Every term weighs the same. */
    static TermWeights uniform() {
        return new TermWeights(Map.of(), 1f);
    }

    float of(String term) {
        return idf.getOrDefault(term, unknown);
    }

    int size() {
        return idf.size();
    }

    /** Document frequencies of the analysed documents; terms seen in fewer than {@code minDocuments} are left out. */
    static Counts count(Iterable<? extends Collection<String>> documents) {
        Map<String, Integer> df = new HashMap<>();
        int n = 0;
        for (Collection<String> doc : documents) {
            n++;
            for (String term : new HashSet<>(doc)) {
                df.merge(term, 1, Integer::sum);
            }
        }
        return new Counts(n, df);
    }

    record Counts(int documents, Map<String, Integer> frequencies) {

        TermWeights weights(int minDocuments) {
            Map<String, Float> idf = new HashMap<>();
            frequencies.forEach((term, df) -> {
                if (df >= minDocuments) {
                    idf.put(term, idf(df));
                }
            });
            return new TermWeights(idf, idf(minDocuments - 1 == 0 ? 1 : minDocuments - 1));
        }

        private float idf(int df) {
            return (float) Math.log(1.0 + documents / (double) Math.max(df, 1));
        }

        void write(OutputStream out, int minDocuments) throws IOException {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8))) {
                w.write("documents\t" + documents + "\t" + minDocuments + "\n");
                for (Map.Entry<String, Integer> e : new TreeMap<>(frequencies).entrySet()) {
                    if (e.getValue() >= minDocuments) {
                        w.write(e.getKey() + "\t" + e.getValue() + "\n");
                    }
                }
            }
        }

        static Counts read(InputStream in) throws IOException {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                String[] header = r.readLine().split("\t");
                Map<String, Integer> df = new HashMap<>();
                String line;
                while ((line = r.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    df.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
                }
                return new Counts(Integer.parseInt(header[1]), df);
            }
        }
    }

    static TermWeights read(InputStream in) throws IOException {
        Counts counts = Counts.read(in);
        int min = counts.frequencies().values().stream().mapToInt(Integer::intValue).min().orElse(1);
        return counts.weights(min);
    }

    Set<String> terms() {
        return idf.keySet();
    }
}
