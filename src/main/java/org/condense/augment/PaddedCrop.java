package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * The classic CIFAR crop: pad by {@code padding} pixels on each side, then take a random crop of
 * the original size (torchvision {@code RandomCrop(size, padding)}). Padding is 0 in normalised
 * space, i.e. the dataset mean rather than black: the loader augments normalised pixels.
 */
public record PaddedCrop(int padding) implements SampleAugmentation {

    public PaddedCrop {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0: " + padding);
        }
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        // offset of the crop's top-left corner in the padded image, torchvision's randint(0, 2p) inclusive
        int dy = rng.nextInt(2 * padding + 1) - padding;
        int dx = rng.nextInt(2 * padding + 1) - padding;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                int row = dstOff + (ch * h + y) * w;
                for (int x = 0; x < w; x++) {
                    int sx = x + dx;
                    dst[row + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? src[srcOff + (ch * h + sy) * w + sx] : 0f;
                }
            }
        }
    }
}
