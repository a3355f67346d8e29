package org.condense.labels;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.condense.augment.CropBox;
import org.condense.augment.CutMix;
import org.condense.augment.RandomResizedCrop;
import org.condense.random.Seeds;
import org.condense.train.BatchLoader;
import org.condense.train.Recipe;

/**
 * Writes down each stored sample's augmentation as plain numbers, so that tools outside Java can
 * rebuild the batches: the crop box and flip of RandomResizedCrop + flip, and the CutMix partner
 * and box. It redraws from the same seeded streams as the loader, in the same order, so the
 * numbers are the ones the loader used. Java replays from the seeds; -1 marks what is not recorded
 * (other crop pipelines, Mixup, a batch CutMix skipped).
 */
final class AugmentRecorder {
    static final List<String> COLUMNS = List.of("crop_top", "crop_left", "crop_height", "crop_width", "flip",
            "mix_partner", "mix_top", "mix_left", "mix_height", "mix_width");
    private static final int C = 10;

    private final int h;
    private final int w;
    private final boolean crops;
    private final RandomResizedCrop rrc;
    private final double flip;
    private final CutMix cutmix;
    private final String mix;

    AugmentRecorder(Recipe.Augment a, int h, int w) {
        this.h = h;
        this.w = w;
        Recipe.Crop crop = a.crop();
        boolean cutout = a.cutout() != null && a.cutout().prob() > 0;
        this.crops = a.patchMode().equals(Recipe.PATCH_NONE) && !cutout
                && (crop.type().equals("random-resized") || crop.type().equals("none"));
        this.rrc = crop.type().equals("random-resized")
                ? new RandomResizedCrop(crop.scale()[0], crop.scale()[1], crop.ratio()[0], crop.ratio()[1], h, w)
                : null;
        this.flip = a.flip();
        boolean useCutmix = a.cutmix() != null && a.cutmix().prob() > 0;
        this.cutmix = useCutmix ? new CutMix(a.cutmix().beta(), a.cutmix().prob()) : null;
        boolean mixup = a.mixup() != null && a.mixup().prob() > 0;
        this.mix = useCutmix ? "cutmix" : mixup ? "mixup (not recorded)" : "none";
    }

    boolean cropsRecorded() {
        return crops;
    }

    String mix() {
        return mix;
    }

    /** Row-major {@code n × 10} columns for the batch {@code slice}. */
    int[] rows(BatchLoader.Slice slice, long seed, int batchSize) {
        int n = slice.indices().length;
        int[] out = new int[n * C];
        Arrays.fill(out, -1);
        if (crops) {
            for (int i = 0; i < n; i++) {
                RandomGenerator rng = Seeds.forSample(seed, slice.epoch(), slice.batch() * batchSize + i);
                CropBox box = rrc == null ? CropBox.whole(h, w) : rrc.sample(h, w, rng);
                // HorizontalFlip draws once whatever p is; with p = 0 the step is absent
                boolean flipped = flip > 0 && rng.nextDouble() < flip;
                put(out, i * C, box);
                out[i * C + 4] = flipped ? 1 : 0;
            }
        }
        if (cutmix != null) {
            CutMix.Draw d = cutmix.draw(n, h, w, Seeds.forBatch(seed, slice.epoch(), slice.batch()));
            if (d != null) {
                for (int i = 0; i < n; i++) {
                    out[i * C + 5] = d.permutation()[i];
                    put(out, i * C + 6, d.box());
                }
            }
        }
        return out;
    }

    private static void put(int[] out, int at, CropBox b) {
        out[at] = b.top();
        out[at + 1] = b.left();
        out[at + 2] = b.height();
        out[at + 3] = b.width();
    }
}
