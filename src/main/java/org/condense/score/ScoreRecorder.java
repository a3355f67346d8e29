package org.condense.score;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.condense.train.Checkpoints;
import org.condense.train.StepObserver;

/**
 * Accumulates, for every sample, what the scores need from each time it is seen in a train-mode
 * augmented batch (one observation): the EL2N sum over the first K epochs, forgetting events,
 * and the margin sums of AUM. Sums are kept in double and in batch order, so a run is
 * reproducible to the bit; the state is a {@link Checkpoints.State} so that a resumed run
 * continues from exactly the accumulators of its last checkpoint.
 *
 * <p>"Correct" means the label's logit is strictly above every other (margin &gt; 0), the same
 * comparison AUM's margin makes.
 */
public final class ScoreRecorder implements StepObserver, Checkpoints.State {
    private static final int MAGIC = 0x53434F52; // ASCII "SCOR"
    private static final int VERSION = 1;

    private final int size;
    private final int k;
    private final int epochs;
    private final int[] labels;
    private final int[] seen;
    private final double[] el2n;
    private final double[] marginLogits;
    private final double[] marginProbs;
    private final int[] forgetting;
    private final boolean[] lastCorrect;
    private final boolean[] everCorrect;
    private final long[] correctPerEpoch;
    private final long[] seenPerEpoch;

    /**
     * @param size number of samples in the dataset
     * @param k EL2N sums the observations of epochs {@code 0..k-1}
     * @param epochs epochs of the run (for per-epoch training accuracy)
     */
    public ScoreRecorder(int size, int k, int epochs) {
        if (size < 1 || k < 1 || epochs < 1) {
            throw new IllegalArgumentException("size " + size + ", k " + k + ", epochs " + epochs);
        }
        this.size = size;
        this.k = k;
        this.epochs = epochs;
        labels = new int[size];
        Arrays.fill(labels, -1);
        seen = new int[size];
        el2n = new double[size];
        marginLogits = new double[size];
        marginProbs = new double[size];
        forgetting = new int[size];
        lastCorrect = new boolean[size];
        everCorrect = new boolean[size];
        correctPerEpoch = new long[epochs];
        seenPerEpoch = new long[epochs];
    }

    @Override
    public void observe(int epoch, int[] indices, int[] batchLabels, float[] logits) {
        int n = indices.length;
        int classes = logits.length / n;
        if (classes * n != logits.length || classes < 2 || epoch < 0 || epoch >= epochs) {
            throw new IllegalArgumentException(logits.length + " logits for " + n + " samples at epoch " + epoch);
        }
        double[] p = new double[classes];
        for (int row = 0; row < n; row++) {
            int i = indices[row];
            int y = batchLabels[row];
            if (labels[i] != -1 && labels[i] != y) {
                throw new IllegalStateException("sample " + i + " was seen with labels " + labels[i] + " and " + y);
            }
            labels[i] = y;
            int off = row * classes;
            softmax(logits, off, classes, p);
            float otherLogit = Float.NEGATIVE_INFINITY;
            double otherProb = 0;
            double sq = 0;
            for (int c = 0; c < classes; c++) {
                double d = p[c] - (c == y ? 1 : 0);
                sq += d * d;
                if (c != y) {
                    otherLogit = Math.max(otherLogit, logits[off + c]);
                    otherProb = Math.max(otherProb, p[c]);
                }
            }
            double margin = (double) logits[off + y] - otherLogit;
            boolean correct = margin > 0;
            if (epoch < k) {
                el2n[i] += Math.sqrt(sq);
            }
            marginLogits[i] += margin;
            marginProbs[i] += p[y] - otherProb;
            if (lastCorrect[i] && !correct) {
                forgetting[i]++;
            }
            lastCorrect[i] = correct;
            everCorrect[i] |= correct;
            seen[i]++;
            seenPerEpoch[epoch]++;
            correctPerEpoch[epoch] += correct ? 1 : 0;
        }
    }

    private static void softmax(float[] logits, int off, int classes, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[off + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(logits[off + c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    /**
     * The scores of this run, in dataset order.
     *
     * @param unlearnedAsZero forgetting of never-learned samples: 0 (the CCS code's convention)
     *     instead of the number of times they were seen, which ranks them above every learned
     *     sample (a learned sample seen s times has at most ⌊s/2⌋ forgetting events)
     * @param aumProbabilities AUM on softmax probabilities instead of logits
     */
    public Scores scores(boolean unlearnedAsZero, boolean aumProbabilities) {
        double[] forget = new double[size];
        double[] aum = new double[size];
        for (int i = 0; i < size; i++) {
            if (seen[i] == 0) {
                throw new IllegalStateException("sample " + i + " was never seen in training");
            }
            forget[i] = everCorrect[i] ? forgetting[i] : unlearnedAsZero ? 0 : seen[i];
            aum[i] = (aumProbabilities ? marginProbs[i] : marginLogits[i]) / seen[i];
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(Scores.EL2N, el2n.clone());
        columns.put(Scores.FORGETTING, forget);
        columns.put(Scores.AUM, aum);
        return new Scores(labels.clone(), columns);
    }

    /** Fraction of correct observations in {@code epoch} (train mode, augmented batches); NaN if none. */
    public double trainAccuracy(int epoch) {
        return seenPerEpoch[epoch] == 0 ? Double.NaN : (double) correctPerEpoch[epoch] / seenPerEpoch[epoch];
    }

    /** Observations so far (samples scored, counting each epoch). */
    public long observations() {
        long total = 0;
        for (long s : seenPerEpoch) {
            total += s;
        }
        return total;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(size);
        d.writeInt(k);
        d.writeInt(epochs);
        for (int i = 0; i < size; i++) {
            d.writeInt(labels[i]);
            d.writeInt(seen[i]);
            d.writeDouble(el2n[i]);
            d.writeDouble(marginLogits[i]);
            d.writeDouble(marginProbs[i]);
            d.writeInt(forgetting[i]);
            d.writeByte((lastCorrect[i] ? 1 : 0) | (everCorrect[i] ? 2 : 0));
        }
        for (int e = 0; e < epochs; e++) {
            d.writeLong(correctPerEpoch[e]);
            d.writeLong(seenPerEpoch[e]);
        }
        d.flush();
    }

    @Override
    public void load(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (d.readInt() != MAGIC || d.readInt() != VERSION) {
            throw new IOException("not a score recorder state (version " + VERSION + ")");
        }
        int[] shape = {d.readInt(), d.readInt(), d.readInt()};
        if (shape[0] != size || shape[1] != k || shape[2] != epochs) {
            throw new IOException("score state of " + Arrays.toString(shape) + " (size, k, epochs), expected ["
                    + size + ", " + k + ", " + epochs + "]");
        }
        for (int i = 0; i < size; i++) {
            labels[i] = d.readInt();
            seen[i] = d.readInt();
            el2n[i] = d.readDouble();
            marginLogits[i] = d.readDouble();
            marginProbs[i] = d.readDouble();
            forgetting[i] = d.readInt();
            int flags = d.readByte();
            lastCorrect[i] = (flags & 1) != 0;
            everCorrect[i] = (flags & 2) != 0;
        }
        for (int e = 0; e < epochs; e++) {
            correctPerEpoch[e] = d.readLong();
            seenPerEpoch[e] = d.readLong();
        }
    }
}
