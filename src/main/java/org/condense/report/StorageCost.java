package org.condense.report;

/**
 * Bytes that pre-generated soft labels take, as FKD/SRe2L-style pipelines store them: for every
 * epoch and image, the teacher's logits in fp16 (2 bytes per class) and the augmentation that
 * produced them — crop box (4 × fp16) and flip (1 byte) — plus, with CutMix, each image's partner
 * index (2 bytes) and one box per batch (4 × fp16).
 */
public final class StorageCost {
    static final int LOGIT_BYTES = 2;
    static final int CROP_AND_FLIP_BYTES = 4 * 2 + 1;
    static final int CUTMIX_PARTNER_BYTES = 2;
    static final int CUTMIX_BOX_BYTES = 4 * 2;

    private StorageCost() {}

    public static long softLabelBytes(long epochs, long images, int classes, int batchSize, boolean cutmix) {
        long perEpoch = images * (classes * LOGIT_BYTES + CROP_AND_FLIP_BYTES);
        if (cutmix) {
            long batches = (images + batchSize - 1) / batchSize;
            perEpoch += images * CUTMIX_PARTNER_BYTES + batches * CUTMIX_BOX_BYTES;
        }
        return epochs * perEpoch;
    }
}
