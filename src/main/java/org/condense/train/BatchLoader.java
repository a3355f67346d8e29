package org.condense.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.condense.augment.BatchAugmentation;
import org.condense.augment.MixResult;
import org.condense.augment.SampleAugmentation;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.random.Seeds;

/**
 * Reads, normalises and augments one epoch of batches on a background thread, a few batches
 * ahead of the training step. Images are read one at a time from the dataset, so memory holds
 * only the batches in flight, whatever the dataset's size.
 *
 * <p>Every random draw comes from a generator seeded by (seed, epoch, position), so the batches
 * are identical across runs and independent of thread timing.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
    private static final int PREFETCH = 3;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
    private final Thread worker;
    private Object next;

    /**
     * @param order the sample indices of this epoch, in visiting order
     * @param transform per-sample augmentation, or null for none
     * @param mixer batch mixing, or null for none
     */
    public BatchLoader(ImageDataset dataset, Normalization normalization, int[] order, int batchSize,
            SampleAugmentation transform, BatchAugmentation mixer, long seed, int epoch) {
        worker = new Thread(() -> produce(dataset, normalization, order, batchSize, transform, mixer, seed, epoch),
                "condense-loader");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(ImageDataset ds, Normalization norm, int[] order, int batchSize,
            SampleAugmentation transform, BatchAugmentation mixer, long seed, int epoch) {
        try {
            int c = ds.channels();
            int h = ds.height();
            int w = ds.width();
            int k = ds.numClasses();
            int pixels = c * h * w;
            byte[] raw = new byte[ds.imageBytes()];
            float[] plain = new float[pixels];
            for (int start = 0; start < order.length; start += batchSize) {
                int n = Math.min(batchSize, order.length - start);
                float[] images = new float[n * pixels];
                int[] labels = new int[n];
                int[] indices = new int[n];
                for (int i = 0; i < n; i++) {
                    int index = order[start + i];
                    ds.readImage(index, raw);
                    labels[i] = ds.label(index);
                    indices[i] = index;
                    if (transform != null) {
                        norm.apply(raw, plain, 0);
                        transform.apply(plain, 0, c, h, w, images, i * pixels, Seeds.forSample(seed, epoch, start + i));
                    } else {
                        norm.apply(raw, images, i * pixels);
                    }
                }
                MixResult mix = mixer == null
                        ? null
                        : mixer.apply(images, n, c, h, w, Seeds.forBatch(seed, epoch, start / batchSize));
                queue.put(new Batch(images, indices, labels, targets(labels, k, mix), n, c, h, w));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Row i: {@code λ·onehot(y[i]) + (1−λ)·onehot(y[perm[i]])}; one-hot without mixing. */
    static float[] targets(int[] labels, int numClasses, MixResult mix) {
        int n = labels.length;
        float[] t = new float[n * numClasses];
        float lambda = mix == null ? 1f : mix.lambda();
        for (int i = 0; i < n; i++) {
            t[i * numClasses + labels[i]] += lambda;
            if (lambda < 1f) {
                t[i * numClasses + labels[mix.permutation()[i]]] += 1f - lambda;
            }
        }
        return t;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading data", e);
            }
        }
        if (next instanceof RuntimeException) {
            throw (RuntimeException) next;
        }
        return next != END;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch b = (Batch) next;
        next = null;
        return b;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
