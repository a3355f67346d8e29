package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.condense.Version;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;

/** Tiny teachers for distillation tests: a width-16 convnet saved like `condense train` saves one. */
public final class DistillFixtures {
    private DistillFixtures() {}

    public static NetworkSpec spec(ImageDataset ds, String norm) {
        return new NetworkSpec("convnet", ds.channels(), ds.height(), ds.numClasses(), norm, null, 16, 2);
    }

    /**
     * An untrained convnet (width 16, depth 2) saved in {@code dir} with a card for {@code classes};
     * with batch norm, a few training-mode passes over the data give it non-trivial running statistics.
     */
    public static Path teacher(Path dir, ImageDataset ds, String norm, List<String> classes) throws Exception {
        NetworkSpec spec = spec(ds, norm);
        Normalization n = Normalization.ofSource(ds);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, manager, spec, 7);
            int count = Math.min(ds.size(), 16);
            float[] batch = new float[count * ds.imageBytes()];
            byte[] img = new byte[ds.imageBytes()];
            float[] one = new float[ds.imageBytes()];
            for (int i = 0; i < count; i++) {
                ds.readImage(i, img);
                n.apply(img, one);
                System.arraycopy(one, 0, batch, i * one.length, one.length);
            }
            ParameterStore ps = new ParameterStore(manager, false);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(batch, new Shape(count, ds.channels(), ds.height(), ds.width()));
                for (int k = 0; k < 3; k++) {
                    block.forward(ps, new NDList(x), true);
                }
            }
            TeacherStore.save(dir, block, new TeacherCard("toy", classes, spec, "test", 0, 7, 10, 50, n.mean(), n.std(),
                    0, Version.get()));
        }
        return dir;
    }

    public static Path teacher(Path dir, ImageDataset ds, String norm) throws Exception {
        return teacher(dir, ds, norm, ds.classNames());
    }
}
