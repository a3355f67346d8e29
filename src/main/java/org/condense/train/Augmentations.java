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
import org.condense.augment.RandomResizedCrop;
import org.condense.augment.SampleAugmentation;

/** Builds the augmentations a recipe asks for. */
public final class Augmentations {
    private Augmentations() {}

    /** Crop → flip → cutout, or null when the recipe asks for none. */
    public static SampleAugmentation sampleAugmentation(Recipe.Augment a, int size) {
        List<SampleAugmentation> steps = new ArrayList<>();
        Recipe.Crop crop = a.crop();
        switch (crop.type()) {
            case "random-resized":
                steps.add(new RandomResizedCrop(crop.scale()[0], crop.scale()[1], crop.ratio()[0], crop.ratio()[1], size));
                break;
            case "padded":
                steps.add(new PaddedCrop(crop.padding()));
                break;
            default:
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
