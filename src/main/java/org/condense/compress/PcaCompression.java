package org.condense.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.combine.Composites;
import org.condense.data.ImageDataset;
import org.condense.score.Scores;
import org.condense.select.RankedSelection;

/**
 * PCA's Prune and Combine steps: per class, the IPC·f² images with the lowest EL2N (strictly
 * class-balanced, the easy end), combined into IPC composites of f×f whole images (see
 * {@link Composites#arrange} for which image goes where). Options: {@code scores=FILE}
 * (required), {@code factor} (f, default 2; 1 keeps single images, i.e. plain EL2N selection).
 * The factor is written to the manifest, where the patch augmentations read it.
 */
public final class PcaCompression implements CompressionMethod {
    static final String FACTOR = "factor";
    static final int DEFAULT_FACTOR = 2;

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public String description() {
        return "Prune (lowest EL2N per class), Combine f×f whole images into composites; train with patch extraction";
    }

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.scores(Scores.EL2N, Scores.EL2N);
    }

    @Override
    public List<MethodOption> options() {
        return List.of(MethodOption.of(FACTOR, "combine factor f: each composite holds f×f images (default 2; 1: plain EL2N)"));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ScoreSource source = ScoreSource.of(options);
        ImageDataset ds = request.source();
        request.positiveIpc();
        if (ds.height() != ds.width()) {
            throw new UserException("pca combines square images; " + ds.name() + " has "
                    + ds.height() + "x" + ds.width() + " (use --image-size for an ImageFolder dataset)");
        }
        int factor = options.integer(FACTOR, DEFAULT_FACTOR, 1, ds.height());
        int tiles = factor * factor;
        int perClass = Math.multiplyExact(request.ipc(), tiles);
        ClassIndex.requireAtLeast(ds, ClassIndex.of(ds), perClass, "pca IPC " + request.ipc() + " × factor² " + tiles);
        double[] el2n = source.read(Scores.EL2N, ds);
        int[][] ranked = RankedSelection.rankPerClass(el2n, SourceImages.labels(ds), ds.numClasses(),
                Scores.higherIsEasier(Scores.EL2N), false, perClass, request.seed());
        // the composites' sources first; each composite is decoded and combined as it is written
        List<int[]> composites = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < ds.numClasses(); label++) {
            for (int[] composite : Composites.arrange(ranked[label], request.ipc(), factor)) {
                composites.add(composite.clone());
                labels.add(label);
            }
        }
        List<CompressedImage> images = SourceImages.lazy(composites.size(), k -> {
            int[] composite = composites.get(k);
            byte[][] tileImages = new byte[tiles][];
            for (int t = 0; t < tiles; t++) {
                tileImages[t] = new byte[ds.imageBytes()];
                ds.readImage(composite[t], tileImages[t]);
            }
            byte[] pixels = Composites.combine(Arrays.asList(tileImages), ds.channels(), ds.height(), factor);
            return new CompressedImage(labels.get(k), pixels, composite.clone());
        });
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("score", Scores.EL2N);
        parameters.put("end", "easy");
        parameters.put("balanced", true);
        parameters.put("factor", factor);
        parameters.put("selected_per_class", perClass);
        parameters.put("arrangement", "composite k of n takes ranks k, n+k, 2n+k, ... (row-major tiles)");
        parameters.put("tile_resize", "area (adaptive average), rounded to bytes");
        parameters.put("tie_break_seed", request.seed());
        return new CompressionResult(images, parameters, factor);
    }
}
