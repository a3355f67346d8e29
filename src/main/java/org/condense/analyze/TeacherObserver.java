package org.condense.analyze;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.condense.train.Teacher;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;
import org.condense.model.Devices;

/**
 * A teacher saved by {@code condense train}, in inference mode. Every batch runs in its own
 * sub-manager and {@link NDScope}, so nothing but the weights outlives a call.
 */
public final class TeacherObserver implements Observer {
    private final NDManager manager;
    private final Teacher teacher;

    private TeacherObserver(NDManager manager, Teacher teacher) {
        this.manager = manager;
        this.teacher = teacher;
    }

    /** Loads the weights of the teacher in {@code dir} whose card is {@code card}. */
    public static TeacherObserver load(Path dir, TeacherCard card) {
        NDManager manager = Devices.newManager();
        try {
            return new TeacherObserver(manager, TeacherStore.load(dir, manager, card.classes()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public float[] logits(float[] images, int n, int c, int h, int w) {
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDArray x = step.create(images, new Shape(n, c, h, w));
            return teacher.logits(x).toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
