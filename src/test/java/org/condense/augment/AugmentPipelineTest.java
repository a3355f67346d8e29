package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AugmentPipelineTest {
    private static final int C = 3, H = 12, W = 16;

    private static float[] image() {
        float[] img = new float[C * H * W];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) Math.sin(i * 0.37) * 2;
        }
        return img;
    }

    /** Reference: each step on fresh arrays, one after another, on one generator. */
    private static float[] stepByStep(List<SampleAugmentation> steps, float[] src, RandomGenerator rng) {
        float[] cur = src;
        int h = H, w = W;
        for (SampleAugmentation step : steps) {
            cur = step.apply(cur, C, h, w, rng);
            int oh = step.outHeight(h, w);
            w = step.outWidth(h, w);
            h = oh;
        }
        return cur;
    }

    @Test
    void bufferReuseGivesSameResultAsStepByStep() {
        RandomResizedCrop crop = RandomResizedCrop.standard(8);
        RandomResizedCrop crop2 = new RandomResizedCrop(0.5, 1, 0.5, 2, 5, 7);
        HorizontalFlip flip = new HorizontalFlip();
        Cutout cutout = Cutout.ofFraction(0.5, 0.7);
        List<List<SampleAugmentation>> chains = List.of(
                List.of(crop, flip, cutout),
                List.of(flip, crop, cutout),
                List.of(flip, cutout),
                List.of(crop, crop2, flip),
                List.of(flip, crop, flip, crop2),
                List.of());
        for (List<SampleAugmentation> chain : chains) {
            AugmentPipeline pipeline = AugmentPipeline.of(chain);
            int outLen = C * pipeline.outHeight(H, W) * pipeline.outWidth(H, W);
            for (int seed = 0; seed < 30; seed++) {
                float[] src = image();
                float[] dst = new float[outLen + 3];
                pipeline.apply(src, 0, C, H, W, dst, 3, new SplittableRandom(seed));
                float[] expected = stepByStep(chain, image(), new SplittableRandom(seed));
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(dst, 3, dst.length), chain + " seed " + seed);
                assertArrayEquals(image(), src, "source must not change");
            }
        }
    }

    @Test
    void outputShapeFollowsTheSteps() {
        AugmentPipeline p = AugmentPipeline.of(new HorizontalFlip(), new RandomResizedCrop(0.5, 1, 0.5, 2, 5, 7),
                Cutout.ofPixels(2, 1));
        assertEquals(5, p.outHeight(H, W));
        assertEquals(7, p.outWidth(H, W));
        AugmentPipeline s = AugmentPipeline.standard(32);
        assertEquals(32, s.outHeight(H, W));
        assertEquals(32, s.outWidth(H, W));
    }
}
