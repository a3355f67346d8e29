package org.condense.augment;

/** Argument checks shared by the augmentations, so a bad shape fails loudly, not with a stray index. */
final class Checks {
    private Checks() {}

    static void probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }

    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    /** {@code array} holds {@code len} floats from {@code off}. */
    static void fits(String name, float[] array, int off, long len) {
        if (off < 0 || off + len > array.length) {
            throw new IllegalArgumentException(name + " too short: needs " + len + " floats from offset "
                    + off + ", has " + array.length);
        }
    }

    static void shape(int c, int h, int w) {
        if (c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + c + "×" + h + "×" + w);
        }
    }
}
