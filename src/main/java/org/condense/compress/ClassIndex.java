package org.condense.compress;

import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.data.ImageDataset;

/** The sample indices of each class, in dataset order. */
public final class ClassIndex {
    private ClassIndex() {}

    public static List<List<Integer>> of(ImageDataset ds) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < ds.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < ds.size(); i++) {
            byClass.get(ds.label(i)).add(i);
        }
        return byClass;
    }

    /** Fails with a clear message when some class has fewer than {@code perClass} samples. */
    public static void requireAtLeast(ImageDataset ds, List<List<Integer>> byClass, int perClass, String what) {
        if (perClass <= 0) {
            throw new UserException("--ipc must be positive, got " + perClass);
        }
        for (int c = 0; c < byClass.size(); c++) {
            if (byClass.get(c).size() < perClass) {
                throw new UserException(what + " needs " + perClass + " images per class but class '"
                        + ds.classNames().get(c) + "' has only " + byClass.get(c).size()
                        + "; choose a smaller --ipc");
            }
        }
    }
}
