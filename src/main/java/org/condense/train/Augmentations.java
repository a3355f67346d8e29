package org.condense.train;

import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.augment.AugmentPipeline;
import org.condense.augment.BatchAugmentation;
import org.condense.augment.CutMix;
import org.condense.augment.Cutout;
import org.condense.augment.HorizontalFlip;
import org.condense.augment.Mixup;
import org.condense.augment.PaddedCrop;
import org.condense.augment.PatchExtraction;
import org.condense.augment.PatchShuffle;
import org.condense.augment.RandomResizedCrop;
import org.condense.augment.SampleAugmentation;

/** Builds the augmentations a recipe asks for. */
public final class Augmentations {
    private Augmentations() {}

    /** Crop → flip → cutout on plain images, or null when the recipe asks for none. */
    public static SampleAugmentation sampleAugmentation(Recipe.Augment a, int size) {
        return sampleAugmentation(a, size, 1);
    }

    /**
     * Crop → flip → cutout, where the crop reads composites of {@code factor}×{@code factor}
     * tiles as the recipe's {@code patch} mode says (patch extraction: one tile, cropped within;
     * patch shuffle: tiles permuted, then a crop of scale 1/f–1). Null when there is nothing to do.
     */
    public static SampleAugmentation sampleAugmentation(Recipe.Augment a, int size, int factor) {
        List<SampleAugmentation> steps = new ArrayList<>();
        Recipe.Crop crop = a.crop();
        RandomResizedCrop rrc = crop.type().equals("random-resized")
                ? new RandomResizedCrop(crop.scale()[0], crop.scale()[1], crop.ratio()[0], crop.ratio()[1], size)
                : null;
        switch (a.patchMode()) {
            case Recipe.PATCH_EXTRACT:
                steps.add(new PatchExtraction(factor, rrc, size));
                break;
            case Recipe.PATCH_SHUFFLE:
                if (size % factor != 0) {
                    throw new UserException("augment.patch shuffle needs equal tiles, but " + size + " px images do "
                            + "not split into " + factor + "×" + factor + "; use augment.patch=extract for this dataset");
                }
                // RDED: the shuffled composite is cropped at scale 1/f–1, whatever crop.scale says
                steps.add(new PatchShuffle(factor));
                steps.add(new RandomResizedCrop(1.0 / factor, 1.0, crop.ratio()[0], crop.ratio()[1], size));
                break;
            default:
                if (rrc != null) {
                    steps.add(rrc);
                } else if (crop.type().equals("padded")) {
                    steps.add(new PaddedCrop(crop.padding()));
                }
                break;
        }
        if (a.flip() > 0) {
            steps.add(new HorizontalFlip(a.flip()));
        }
        if (a.cutout() != null && a.cutout().prob() > 0) {
            steps.add(Cutout.ofFraction(a.cutout().size(), a.cutout().prob()));
        }
        return steps.isEmpty() ? null : AugmentPipeline.of(steps);
    }

    /** CutMix or Mixup (one per recipe), or null. */
    public static BatchAugmentation batchAugmentation(Recipe.Augment a) {
        boolean cutmix = a.cutmix() != null && a.cutmix().prob() > 0;
        boolean mixup = a.mixup() != null && a.mixup().prob() > 0;
        if (cutmix && mixup) {
            throw new UserException("invalid protocol: augment.cutmix and augment.mixup are both enabled; choose one");
        }
        if (cutmix) {
            return new CutMix(a.cutmix().beta(), a.cutmix().prob());
        }
        if (mixup) {
            return new Mixup(a.mixup().alpha(), a.mixup().prob(), a.mixup().mixLabels());
        }
        return null;
    }
}
