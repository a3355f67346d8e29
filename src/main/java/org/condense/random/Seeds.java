package org.condense.random;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Generators keyed by (run seed, epoch, position), so an augmentation does not depend on which
 * loader thread handled a sample or in which order: the same key always gives the same stream.
 *
 * <p>The key is hashed with SplitMix64's finaliser, one round per component, into a seed for a
 * {@link SplittableRandom}; the returned generator is that root's {@code split()}, which also
 * derives the stream's increment (gamma) from the key. Nearby keys therefore get unrelated seeds
 * and increments, not shifted copies of one sequence. Samples and batches use different domain
 * constants, so sample 3 and batch 3 of an epoch do not share a stream.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    // Arbitrary distinct constants separating the sample and batch key spaces.
    private static final long SAMPLE_DOMAIN = 0x53414D504C45L; // ASCII "SAMPLE"
    private static final long BATCH_DOMAIN = 0x4241544348L;    // ASCII "BATCH"
    private static final long ORDER_DOMAIN = 0x4F52444552L;    // ASCII "ORDER"
    private static final long SELECT_DOMAIN = 0x53454C454354L; // ASCII "SELECT"
    private static final long TIES_DOMAIN = 0x54494553L;       // ASCII "TIES"
    private static final long STRATA_DOMAIN = 0x535452415441L; // ASCII "STRATA"
    private static final long SYNTH_DOMAIN = 0x53594E5448L;    // ASCII "SYNTH"
    private static final long CROPS_DOMAIN = 0x43524F5053L;    // ASCII "CROPS"

    private Seeds() {}

    /** Generator for the sample at {@code position} (its index in the dataset or epoch order). */
    public static RandomGenerator forSample(long seed, int epoch, int position) {
        return stream(seed, SAMPLE_DOMAIN, epoch, position);
    }

    /** Generator for batch-level draws (CutMix, Mixup) of batch {@code batch} in {@code epoch}. */
    public static RandomGenerator forBatch(long seed, int epoch, int batch) {
        return stream(seed, BATCH_DOMAIN, epoch, batch);
    }

    /** Generator for the visiting order (shuffle) of {@code epoch}. */
    public static RandomGenerator forEpochOrder(long seed, int epoch) {
        return stream(seed, ORDER_DOMAIN, epoch, 0);
    }

    /** Generator for a selection (e.g. a random subset of class {@code classIndex}). */
    public static RandomGenerator forSelection(long seed, int classIndex) {
        return stream(seed, SELECT_DOMAIN, 0, classIndex);
    }

    /** Generator for breaking ties between equal scores when ranking a dataset. */
    public static RandomGenerator forTieBreak(long seed) {
        return stream(seed, TIES_DOMAIN, 0, 0);
    }

    /** Generator for sampling within score bin {@code bin} of class {@code classIndex} (CCS). */
    public static RandomGenerator forStratum(long seed, int classIndex, int bin) {
        return stream(seed, STRATA_DOMAIN, classIndex, bin);
    }

    /** Generator for everything random in distillation batch {@code batch} (initial noise, crops, flips). */
    public static RandomGenerator forSynthesis(long seed, int batch) {
        return stream(seed, SYNTH_DOMAIN, 0, batch);
    }

    /** Generator for the random crops of the {@code position}-th chosen image of class {@code classIndex} (RDED). */
    public static RandomGenerator forCrops(long seed, int classIndex, int position) {
        return stream(seed, CROPS_DOMAIN, classIndex, position);
    }

    private static RandomGenerator stream(long seed, long domain, int epoch, int index) {
        long k = mix64(seed + GOLDEN);
        k = mix64(k ^ domain);
        k = mix64(k + GOLDEN * (epoch + 1L));
        k = mix64(k + GOLDEN * (index + 1L));
        return new SplittableRandom(k).split();
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijection that scrambles every bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
