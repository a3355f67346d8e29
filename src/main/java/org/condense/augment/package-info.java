/**
 * Training-time augmentations in plain Java on {@code float[]} images, run on a loader thread
 * before a batch becomes an NDArray.
 *
 * <p>Layout: one sample is CHW (channels, height, width), already normalised; a batch is
 * N×C×H×W contiguous. Every random choice is drawn from a {@link
 * java.util.random.RandomGenerator} passed in by the caller (see {@link
 * org.condense.random.Seeds}), so a run is reproducible bit for bit: Java float arithmetic is
 * strict IEEE 754, and nothing here reads a clock, a thread id or a global generator.
 *
 * <p>Per-sample steps implement {@link org.condense.augment.SampleAugmentation} and compose in an
 * {@link org.condense.augment.AugmentPipeline} (crop → flip → cutout); batch-level mixing
 * (CutMix, Mixup) implements {@link org.condense.augment.BatchAugmentation} and reports a
 * {@link org.condense.augment.MixResult} so the loss can mix labels.
 */
package org.condense.augment;
