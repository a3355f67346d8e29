package org.condense.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.train.Batch;
import org.condense.train.BatchLoader;

/** Measures a network's accuracy on a test set, without augmentation, in inference mode. */
public final class Evaluator {
    private Evaluator() {}

    public static Accuracy evaluate(Block model, NDManager manager, ImageDataset test, Normalization normalization,
            int batchSize) {
        int k = test.numClasses();
        int[] order = new int[test.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long top1 = 0;
        long top5 = 0;
        int[] correctPerClass = new int[k];
        int[] countPerClass = new int[k];
        ParameterStore store = new ParameterStore(manager, false);
        try (BatchLoader batches = new BatchLoader(test, normalization, order, batchSize, null, null, 0, 0)) {
            while (batches.hasNext()) {
                Batch b = batches.next();
                float[] logits;
                try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                    NDArray x = step.create(b.images(), new Shape(b.size(), b.channels(), b.height(), b.width()));
                    logits = model.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                }
                int outputs = logits.length / b.size();
                for (int i = 0; i < b.size(); i++) {
                    int rank = rankOfLabel(logits, i * outputs, outputs, b.labels()[i]);
                    countPerClass[b.labels()[i]]++;
                    if (rank == 0) {
                        top1++;
                        correctPerClass[b.labels()[i]]++;
                    }
                    if (rank < 5) {
                        top5++;
                    }
                }
            }
        }
        double[] perClass = new double[k];
        for (int c = 0; c < k; c++) {
            perClass[c] = countPerClass[c] == 0 ? Double.NaN : 100.0 * correctPerClass[c] / countPerClass[c];
        }
        int n = test.size();
        return new Accuracy(100.0 * top1 / n, 100.0 * top5 / n, perClass, n);
    }

    /** How many classes score strictly higher than the true one (ties count in the label's favour). */
    static int rankOfLabel(float[] logits, int offset, int k, int label) {
        float target = logits[offset + label];
        int rank = 0;
        for (int j = 0; j < k; j++) {
            if (logits[offset + j] > target) {
                rank++;
            }
        }
        return rank;
    }
}
