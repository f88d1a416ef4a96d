package de.depesche.moderation.assistant;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic regression over hashed features: the demeaning model. Immutable once loaded, so any number
 * of threads may score with it. Stored as gzip: magic, version, dimensions, bias, then the non-zero
 * weights as (index, weight) pairs.
 */
final class LinearModel {

    private static final int MAGIC = 0x44504d31; // "DPM1"

    private final float[] weights;
    private final double bias;

    LinearModel(float[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    double logit(DemeaningFeatures.Vector x) {
        double sum = bias;
        for (int k = 0; k < x.size(); k++) {
            sum += weights[x.index()[k]] * x.value()[k];
        }
        return sum;
    }

    double probability(DemeaningFeatures.Vector x) {
        return sigmoid(logit(x));
    }

    float weight(int index) {
        return weights[index];
    }

    int nonZero() {
        int n = 0;
        for (float w : weights) {
            if (w != 0f) {
                n++;
            }
        }
        return n;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-Math.clamp(z, -35.0, 35.0)));
    }

    void write(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out))) {
            data.writeInt(MAGIC);
            data.writeInt(weights.length);
            data.writeDouble(bias);
            data.writeInt(nonZero());
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0f) {
                    data.writeInt(i);
                    data.writeFloat(weights[i]);
                }
            }
        }
    }

    static LinearModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new GZIPInputStream(in))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a Depesche demeaning model");
            }
            int dimensions = data.readInt();
            if (dimensions != DemeaningFeatures.DIMENSIONS) {
                throw new IOException("model has " + dimensions + " dimensions, the features have " + DemeaningFeatures.DIMENSIONS);
            }
            double bias = data.readDouble();
            int count = data.readInt();
            float[] weights = new float[dimensions];
            for (int k = 0; k < count; k++) {
                weights[data.readInt()] = data.readFloat();
            }
            return new LinearModel(weights, bias);
        }
    }

    /**
     * Trains by FTRL-Proximal (per-coordinate learning rates with L1 and L2), which keeps most weights at
     * exactly zero: the shipped model stays small and fast. Deterministic for a given seed.
     */
    static LinearModel train(java.util.List<DemeaningFeatures.Vector> rows, boolean[] labels, Training t) {
        int d = DemeaningFeatures.DIMENSIONS + 1; // last coordinate: the bias
        double[] z = new double[d];
        double[] n = new double[d];
        java.util.Random random = new java.util.Random(t.seed());
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        // Rarer class counts more, so that the model is not merely pushed toward the majority.
        double positiveWeight = t.balanced() ? (rows.size() - positives) / Math.max(positives, 1) : 1.0;
        for (int epoch = 0; epoch < t.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int r : order) {
                DemeaningFeatures.Vector x = rows.get(r);
                double logit = weight(z, n, d - 1, t);
                for (int k = 0; k < x.size(); k++) {
                    logit += weight(z, n, x.index()[k], t) * x.value()[k];
                }
                double p = sigmoid(logit);
                double g = (p - (labels[r] ? 1.0 : 0.0)) * (labels[r] ? positiveWeight : 1.0);
                update(z, n, d - 1, g, t);
                for (int k = 0; k < x.size(); k++) {
                    update(z, n, x.index()[k], g * x.value()[k], t);
                }
            }
        }
        float[] weights = new float[DemeaningFeatures.DIMENSIONS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) weight(z, n, i, t);
        }
        return new LinearModel(weights, weight(z, n, d - 1, t));
    }

    private static double weight(double[] z, double[] n, int i, Training t) {
        double l1 = i == z.length - 1 ? 0.0 : t.l1();
        if (Math.abs(z[i]) <= l1) {
            return 0.0;
        }
        return -(z[i] - Math.signum(z[i]) * l1) / ((t.beta() + Math.sqrt(n[i])) / t.alpha() + t.l2());
    }

    private static void update(double[] z, double[] n, int i, double g, Training t) {
        double w = weight(z, n, i, t);
        double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / t.alpha();
        z[i] += g - sigma * w;
        n[i] += g * g;
    }

    /** Hyper-parameters of {@link #train}; the defaults are the ones the shipped model was trained with. */
    record Training(double alpha, double beta, double l1, double l2, int epochs, boolean balanced, long seed) {
        static Training defaults() {
            return new Training(0.4, 1.0, 0.2, 1.0, 8, true, 20_181);
        }
    }
}
