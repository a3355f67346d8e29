package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop}: pick a box with a random area fraction in
 * [{@code scaleMin}, {@code scaleMax}] and a log-uniform aspect ratio (w/h) in
 * [{@code ratioMin}, {@code ratioMax}], then bilinearly resize it to {@code outHeight×outWidth}.
 *
 * <p>{@link #sample} is torchvision's {@code get_params} step for step (10 attempts, then a
 * central crop clamped to the ratio range); Python's {@code round} is half-to-even, hence
 * {@link Math#rint}. It follows the algorithm, not PyTorch's random stream. The resize has no
 * antialiasing (see {@link Bilinear}); torchvision ≥ 0.17 antialiases tensors by default, which
 * only matters when the box is larger than the output.
 */
public record RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax,
                                int outHeight, int outWidth) implements SampleAugmentation {

    private static final int ATTEMPTS = 10;

    public RandomResizedCrop {
        Checks.positive("scaleMin", scaleMin);
        Checks.positive("ratioMin", ratioMin);
        if (!(scaleMax >= scaleMin) || Double.isInfinite(scaleMax)) {
            throw new IllegalArgumentException("need scaleMin <= scaleMax, got " + scaleMin + ", " + scaleMax);
        }
        if (!(ratioMax >= ratioMin) || Double.isInfinite(ratioMax)) {
            throw new IllegalArgumentException("need ratioMin <= ratioMax, got " + ratioMin + ", " + ratioMax);
        }
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outHeight + "×" + outWidth);
        }
    }

    /** Square output. */
    public RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax, int outSize) {
        this(scaleMin, scaleMax, ratioMin, ratioMax, outSize, outSize);
    }

    /** torchvision's defaults: scale 0.08–1, ratio 3/4–4/3 (the {@code standard} protocol). */
    public static RandomResizedCrop standard(int outSize) {
        return new RandomResizedCrop(0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, outSize);
    }

    /** A box inside a whole {@code h×w} image. */
    public CropBox sample(int h, int w, RandomGenerator rng) {
        return sample(0, 0, h, w, rng);
    }

    /**
     * A box inside the sub-rectangle at ({@code regionTop}, {@code regionLeft}) of size
     * {@code regionH×regionW}, in image coordinates: area and ratio refer to the region (PCA
     * crops inside one tile of a composite).
     */
    public CropBox sample(int regionTop, int regionLeft, int regionH, int regionW, RandomGenerator rng) {
        if (regionH <= 0 || regionW <= 0) {
            throw new IllegalArgumentException("region must be non-empty, got " + regionH + "×" + regionW);
        }
        double area = (double) regionH * regionW;
        double logMin = Math.log(ratioMin);
        double logMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * uniform(scaleMin, scaleMax, rng);
            double aspect = Math.exp(uniform(logMin, logMax, rng));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (0 < w && w <= regionW && 0 < h && h <= regionH) {
                int top = rng.nextInt(regionH - h + 1);
                int left = rng.nextInt(regionW - w + 1);
                return new CropBox(regionTop + top, regionLeft + left, h, w);
            }
        }
        return centralFallback(regionH, regionW).offset(regionTop, regionLeft);
    }

    /** torchvision's fallback: the largest central crop whose ratio is clamped into range. */
    CropBox centralFallback(int regionH, int regionW) {
        double inRatio = (double) regionW / regionH;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = regionW;
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = regionH;
            w = (int) Math.rint(h * ratioMax);
        } else {
            w = regionW;
            h = regionH;
        }
        // torchvision can round an extreme ratio to 0 and crash later; keep at least one pixel.
        h = Math.max(1, Math.min(h, regionH));
        w = Math.max(1, Math.min(w, regionW));
        return new CropBox((regionH - h) / 2, (regionW - w) / 2, h, w);
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        Bilinear.cropResize(src, srcOff, c, h, w, sample(h, w, rng), dst, dstOff, outHeight, outWidth);
    }

    /** Crops inside {@code region} only (e.g. one tile of a composite), then resizes. */
    public void applyWithin(float[] src, int srcOff, int c, int h, int w, CropBox region,
                            float[] dst, int dstOff, RandomGenerator rng) {
        if (!region.fitsIn(h, w)) {
            throw new IllegalArgumentException("region " + region + " outside a " + h + "×" + w + " image");
        }
        CropBox box = sample(region.top(), region.left(), region.height(), region.width(), rng);
        Bilinear.cropResize(src, srcOff, c, h, w, box, dst, dstOff, outHeight, outWidth);
    }

    @Override
    public int outHeight(int h, int w) {
        return outHeight;
    }

    @Override
    public int outWidth(int h, int w) {
        return outWidth;
    }

    /** U[lo, hi); unlike {@code RandomGenerator.nextDouble(lo, hi)} it accepts lo == hi. */
    private static double uniform(double lo, double hi, RandomGenerator rng) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
