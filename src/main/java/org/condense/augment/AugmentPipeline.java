package org.condense.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Per-sample steps applied in order (typically crop → flip → cutout), all drawing from the same
 * generator, so the result depends only on the input and the generator's seed.
 *
 * <p>Buffers: the last step that cannot run in place writes straight to {@code dst}, and the
 * in-place steps after it run there, so the usual crop → flip → cutout allocates nothing beyond
 * the crop's tap tables. A non-in-place step earlier in the chain gets a temporary array.
 */
public final class AugmentPipeline implements SampleAugmentation {
    private final List<SampleAugmentation> steps;
    private final int lastOutOfPlace; // index of the last step that needs a separate output, or -1

    private AugmentPipeline(List<SampleAugmentation> steps) {
        this.steps = List.copyOf(steps);
        int last = -1;
        for (int i = 0; i < this.steps.size(); i++) {
            if (!this.steps.get(i).inPlace()) {
                last = i;
            }
        }
        this.lastOutOfPlace = last;
    }

    public static AugmentPipeline of(SampleAugmentation... steps) {
        return new AugmentPipeline(List.of(steps));
    }

    public static AugmentPipeline of(List<SampleAugmentation> steps) {
        return new AugmentPipeline(steps);
    }

    /** The {@code standard} protocol's augmentation: RandomResizedCrop(0.08–1, 3/4–4/3) + flip. */
    public static AugmentPipeline standard(int outSize) {
        return of(RandomResizedCrop.standard(outSize), new HorizontalFlip());
    }

    public List<SampleAugmentation> steps() {
        return steps;
    }

    /** {@code src} is never modified; {@code src} and {@code dst} must not overlap. */
    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        float[] cur = src;
        int curOff = srcOff;
        boolean owned = false; // true once cur is a buffer we may overwrite
        int ch = h;
        int cw = w;
        for (int i = 0; i < steps.size(); i++) {
            SampleAugmentation step = steps.get(i);
            int oh = step.outHeight(ch, cw);
            int ow = step.outWidth(ch, cw);
            if (owned && step.inPlace()) {
                step.apply(cur, curOff, c, ch, cw, cur, curOff, rng);
            } else {
                boolean toDst = i >= lastOutOfPlace;
                float[] target = toDst ? dst : new float[c * oh * ow];
                int targetOff = toDst ? dstOff : 0;
                step.apply(cur, curOff, c, ch, cw, target, targetOff, rng);
                cur = target;
                curOff = targetOff;
                owned = true;
            }
            ch = oh;
            cw = ow;
        }
        if (!owned) {
            System.arraycopy(src, srcOff, dst, dstOff, c * h * w);
        }
    }

    @Override
    public int outHeight(int h, int w) {
        return outSize(h, w)[0];
    }

    @Override
    public int outWidth(int h, int w) {
        return outSize(h, w)[1];
    }

    /** {height, width} after every step. */
    private int[] outSize(int h, int w) {
        int ch = h;
        int cw = w;
        for (SampleAugmentation step : steps) {
            int oh = step.outHeight(ch, cw);
            cw = step.outWidth(ch, cw);
            ch = oh;
        }
        return new int[] {ch, cw};
    }

    @Override
    public boolean inPlace() {
        return lastOutOfPlace < 0;
    }

    @Override
    public String toString() {
        return "AugmentPipeline" + steps;
    }
}
