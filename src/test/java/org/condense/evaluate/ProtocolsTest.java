package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.condense.UserException;
import org.condense.train.Augmentations;
import org.condense.train.Protocol;
import org.condense.train.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolsTest {
    @Test
    void everyPresetLoadsAndValidates() {
        for (String name : Protocols.PRESETS) {
            Protocol p = Protocols.load(name);
            assertEquals(name, p.name());
        }
    }

    @Test
    void standardHardIsTheCdaSetting() {
        Recipe r = Protocols.load("standard-hard").recipe();
        assertEquals(300, r.epochs());
        assertEquals(128, r.batchSize());
        assertEquals("adamw", r.optimizer());
        assertEquals(0.001, r.lr());
        assertEquals(0.01, r.weightDecay());
        assertEquals("cosine", r.schedule());
        assertEquals("hard", r.labels());
        assertArrayEquals(new double[] {0.08, 1.0}, r.augment().crop().scale());
        assertEquals(0.0, r.augment().cutmix().prob());
    }

    @Test
    void softPresetsInheritAndDeepMerge() {
        Recipe soft = Protocols.load("standard-soft").recipe();
        assertEquals("soft", soft.labels());
        assertEquals(20.0, soft.temperature());
        assertEquals(1.0, soft.augment().cutmix().prob());
        assertEquals(1.0, soft.augment().cutmix().beta());
        Recipe rded = Protocols.load("rded-soft").recipe();
        assertEquals(100, rded.batchSize());
        assertArrayEquals(new double[] {0.5, 1.0}, rded.augment().crop().scale());
        // the nested override keeps the rest of the crop block
        assertEquals("random-resized", rded.augment().crop().type());
        assertEquals(1024, Protocols.load("sre2l-soft").recipe().batchSize());
        assertEquals("sgd", Protocols.load("sgd-hard").recipe().optimizer());
    }

    @Test
    void gvbsmSoftIsStandardSoftWithTheEnsembleAndMseLoss() {
        Recipe g = Protocols.load("gvbsm-soft").recipe();
        Recipe standard = Protocols.load("standard-soft").recipe();
        assertEquals(Recipe.SOFT_LOSS_MSE_CE, g.softLossType());
        assertEquals(0.1, g.softLoss().ceWeight());
        assertTrue(g.takesSeveralTeachers());
        assertEquals(standard.epochs(), g.epochs());
        assertEquals(standard.augment().cutmix().prob(), g.augment().cutmix().prob());
        assertEquals(Recipe.SOFT_LOSS_KL, standard.softLossType());
        assertFalse(standard.takesSeveralTeachers());
        // the optional fields stay out of every other preset's resolved tree (and so out of their run keys)
        assertFalse(Protocols.load("standard-soft").resolved().has("soft_loss"));
        assertEquals(0.15, Protocols.load("gvbsm-soft", Map.of("soft_loss.ce_weight", "0.15")).recipe().softLoss()
                .ceWeight());
        UserException hard = assertThrows(UserException.class,
                () -> Protocols.load("standard-hard", Map.of("ensemble", "rescaled-mean")));
        assertTrue(hard.getMessage().contains("labels: soft"), hard.getMessage());
        UserException type = assertThrows(UserException.class,
                () -> Protocols.load("gvbsm-soft", Map.of("soft_loss.type", "l1")));
        assertTrue(type.getMessage().contains("kl, mse-ce"), type.getMessage());
    }

    @Test
    void pcaPresetsReadCompositesByPatchExtraction() {
        Recipe hard = Protocols.load("pca-hard").recipe();
        assertEquals("extract", hard.augment().patchMode());
        assertEquals(0.01, hard.lr());
        assertEquals("adamw", hard.optimizer());
        assertEquals("hard", hard.labels());
        assertEquals(0.0, hard.augment().cutmix().prob());
        assertEquals(0.08, hard.augment().crop().scale()[0]);
        Recipe sgd = Protocols.load("pca-sgd").recipe();
        assertEquals("sgd", sgd.optimizer());
        assertEquals(0.1, sgd.lr());
        assertEquals("extract", sgd.augment().patchMode());
        assertEquals("none", Protocols.load("standard-hard").recipe().augment().patchMode());

        // the pipeline a factor-2 dataset gets: extraction first; shuffle is followed by a crop of scale 1/f
        var extract = (org.condense.augment.AugmentPipeline) Augmentations.sampleAugmentation(hard.augment(), 32, 2);
        assertEquals(2, ((org.condense.augment.PatchExtraction) extract.steps().get(0)).factor());
        Recipe shuffle = Protocols.load("pca-hard", Map.of("augment.patch", "shuffle")).recipe();
        var shuffled = (org.condense.augment.AugmentPipeline) Augmentations.sampleAugmentation(shuffle.augment(), 32, 2);
        assertEquals(new org.condense.augment.PatchShuffle(2), shuffled.steps().get(0));
        assertEquals(0.5, ((org.condense.augment.RandomResizedCrop) shuffled.steps().get(1)).scaleMin());
        UserException unequal = assertThrows(UserException.class,
                () -> Augmentations.sampleAugmentation(shuffle.augment(), 32, 3));
        assertTrue(unequal.getMessage().contains("needs equal tiles"), unequal.getMessage());

        UserException unknown = assertThrows(UserException.class,
                () -> Protocols.load("pca-hard", Map.of("augment.patch", "tiles")));
        assertTrue(unknown.getMessage().contains("unknown augment.patch 'tiles'"), unknown.getMessage());
        assertThrows(UserException.class, () -> Protocols.load("pca-hard", Map.of("augment.crop.type", "padded")));
    }

    @Test
    void overridesReachNestedFieldsAndAreRecorded() {
        Protocol p = Protocols.load("standard-hard", Map.of("epochs", "5", "augment.crop.scale", "[0.5, 1]"));
        assertEquals(5, p.recipe().epochs());
        assertArrayEquals(new double[] {0.5, 1.0}, p.recipe().augment().crop().scale());
        assertEquals(5, p.resolved().get("epochs").asInt());
    }

    @Test
    void patchReadingCanBeSetOnPresetsThatLeaveItOut() {
        Protocol plain = Protocols.load("standard-soft");
        assertFalse(plain.resolved().path("augment").has("patch"), "left out, so finished runs keep their keys");
        assertEquals("none", plain.recipe().augment().patchMode());
        Protocol shuffled = Protocols.load("standard-soft", Map.of("augment.patch", "shuffle"));
        assertEquals("shuffle", shuffled.recipe().augment().patchMode());
        assertEquals("shuffle", shuffled.resolved().path("augment").path("patch").asText());
        UserException typo = assertThrows(UserException.class,
                () -> Protocols.load("standard-hard", Map.of("augment.pach", "shuffle")));
        assertTrue(typo.getMessage().endsWith("fields here: crop, flip, cutmix, mixup, cutout, patch"), typo.getMessage());
    }

    @Test
    void badInputGivesOneLineErrors() {
        UserException unknown = assertThrows(UserException.class, () -> Protocols.load("nope"));
        assertTrue(unknown.getMessage().contains("standard-hard"), unknown.getMessage());
        UserException field = assertThrows(UserException.class,
                () -> Protocols.load("standard-hard", Map.of("epoch", "5")));
        assertTrue(field.getMessage().contains("no such field"), field.getMessage());
        UserException value = assertThrows(UserException.class,
                () -> Protocols.load("standard-hard", Map.of("labels", "fuzzy")));
        assertTrue(value.getMessage().contains("labels"), value.getMessage());
        assertThrows(UserException.class, () -> Protocols.load("standard-hard", Map.of("epochs", "-1")));
    }

    @Test
    void userFilesCanExtendPresetsAndMalformedFilesAreReported(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("mine.yaml");
        Files.writeString(good, "extends: standard-hard\nname: mine\nepochs: 7\n");
        assertEquals(7, Protocols.load(good.toString()).recipe().epochs());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "extends: standard-hard\nepochs: [1,\n");
        UserException e = assertThrows(UserException.class, () -> Protocols.load(bad.toString()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        Path unknownField = dir.resolve("typo.yaml");
        Files.writeString(unknownField, "extends: standard-hard\nepoch: 7\n");
        UserException typo = assertThrows(UserException.class, () -> Protocols.load(unknownField.toString()));
        assertTrue(typo.getMessage().contains("unknown field 'epoch'"), typo.getMessage());
    }
}
