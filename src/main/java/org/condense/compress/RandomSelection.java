package org.condense.compress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.condense.data.ImageDataset;
import org.condense.random.Seeds;

/** The baseline: IPC real images per class drawn uniformly without replacement, strictly class-balanced. */
public final class RandomSelection implements CompressionMethod {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "IPC real images per class drawn uniformly (the baseline)";
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions.of(request, this);
        ImageDataset ds = request.source();
        List<List<Integer>> byClass = ClassIndex.of(ds);
        ClassIndex.requireAtLeast(ds, byClass, request.ipc(), "random IPC " + request.ipc());
        // indices first (class by class, sorted within a class); the images are decoded as they are written
        int[] chosen = new int[byClass.size() * request.ipc()];
        int k = 0;
        for (int c = 0; c < byClass.size(); c++) {
            for (int index : select(byClass.get(c), request.ipc(), request.seed(), c)) {
                chosen[k++] = index;
            }
        }
        return new CompressionResult(SourceImages.read(ds, chosen), Map.of("balanced", true), 1);
    }

    /** {@code ipc} indices of one class, chosen by a generator seeded from (seed, class), sorted. */
    public static List<Integer> select(List<Integer> classIndices, int ipc, long seed, int classIndex) {
        List<Integer> pool = new ArrayList<>(classIndices);
        RandomGenerator rng = Seeds.forSelection(seed, classIndex);
        // partial Fisher–Yates: the first ipc positions become a uniform sample
        for (int i = 0; i < ipc; i++) {
            Collections.swap(pool, i, i + rng.nextInt(pool.size() - i));
        }
        List<Integer> chosen = new ArrayList<>(pool.subList(0, ipc));
        Collections.sort(chosen);
        return chosen;
    }
}
