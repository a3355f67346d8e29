package org.condense.distill;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of a pixel-distillation run: the class and the IPC index of each image it
 * synthesises, and its group. SRe2L, CDA and DWA batch across classes (one image per class for one
 * IPC index; the group is the IPC index); LPLD batches within a class (the group is the class).
 */
record SynthesisBatch(int[] labels, int[] ipcIndices, int group, String description) {

    int size() {
        return labels.length;
    }

    /** Per IPC index, the classes in chunks of {@code perBatch}: SRe2L's layout. */
    static List<SynthesisBatch> acrossClasses(int classes, int ipc, int perBatch) {
        int chunks = (classes + perBatch - 1) / perBatch;
        List<SynthesisBatch> out = new ArrayList<>();
        for (int i = 0; i < ipc; i++) {
            for (int k = 0; k < chunks; k++) {
                int first = k * perBatch;
                int n = Math.min(classes, first + perBatch) - first;
                int[] labels = new int[n];
                int[] indices = new int[n];
                for (int j = 0; j < n; j++) {
                    labels[j] = first + j;
                    indices[j] = i;
                }
                out.add(new SynthesisBatch(labels, indices, i,
                        String.format("IPC index %d, classes %d-%d", i, first, first + n - 1)));
            }
        }
        return out;
    }

    /** Per class, its IPC images in chunks of {@code perBatch}: LPLD's layout. */
    static List<SynthesisBatch> withinClasses(int classes, int ipc, int perBatch) {
        List<SynthesisBatch> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int first = 0; first < ipc; first += perBatch) {
                int n = Math.min(ipc, first + perBatch) - first;
                int[] labels = new int[n];
                int[] indices = new int[n];
                for (int j = 0; j < n; j++) {
                    labels[j] = c;
                    indices[j] = first + j;
                }
                out.add(new SynthesisBatch(labels, indices, c,
                        String.format("class %d, images %d-%d", c, first, first + n - 1)));
            }
        }
        return out;
    }
}
