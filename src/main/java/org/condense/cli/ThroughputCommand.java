package org.condense.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.condense.data.ImageDataset;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.condense.evaluate.Protocols;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.random.Permutations;
import org.condense.train.AdamW;
import org.condense.train.Augmentations;
import org.condense.train.BatchLoader;
import org.condense.train.Recipe;
import org.condense.train.Losses;
import org.condense.train.Optimizer;
import org.condense.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.condense.model.Devices;

/**
 * Training-step throughput on synthetic input, the Java side of {@code bench/throughput.sh}:
 * forward + backward + AdamW on random 3×R×R images, each step in its own NDManager scope.
 * Prints one JSON line (images/s, ms/step, peak and per-phase RSS) so memory growth is visible.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Measure training throughput (images/s) and memory of a network on synthetic data.")
final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "convnet", paramLabel = "NAME",
            description = "Network: convnet, resnet18, resnet50, resnet101, mobilenetv2, efficientnetb0, swinv2t (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--norm", description = "Normalisation layers (default: the network's own).")
    String norm;

    @Option(names = "--batch", defaultValue = "128")
    int batch;

    @Option(names = "--size", defaultValue = "32")
    int size;

    @Option(names = "--steps", defaultValue = "30")
    int steps;

    @Option(names = "--warmup", defaultValue = "5")
    int warmup;

    @Option(names = "--mode", defaultValue = "train", description = "train (forward+backward+AdamW) or infer (forward only).")
    String mode;

    @Option(names = "--profile", description = "Also time each phase of the step (input, forward, loss, backward, "
            + "optimiser, read-back, freeing) and the loader's normalisation + standard-hard augmentation per batch.")
    boolean profile;

    @Option(names = "--trace", paramLabel = "FILE", description = "Record libtorch's operator profile of the "
            + "measured steps into FILE (Chrome trace JSON; bench/trace_ops.py sums it per operator).")
    Path trace;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        device.select();
        NetworkSpec spec = NetworkSpec.of(model, 3, size, 10);
        if (norm != null) {
            spec = spec.withNorm(norm);
        }
        Random random = new Random(0);
        float[] images = new float[batch * 3 * size * size];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        float[] targets = new float[batch * 10];
        for (int i = 0; i < batch; i++) {
            targets[i * 10 + random.nextInt(10)] = 1;
        }
        List<Long> rss = new ArrayList<>();
        double seconds;
        int liveBefore;
        int liveAfter;
        PhaseTimes phases = new PhaseTimes();
        try (NDManager manager = Devices.newManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, manager, spec, 0);
            List<Parameter> params = TrainingLoop.trainableParameters(block);
            Optimizer opt = new AdamW(0.9, 0.999, 1e-8, 0.01, manager);
            ParameterStore store = new ParameterStore(manager, false);
            long start = 0;
            liveBefore = -1;
            for (int s = 0; s < warmup + steps; s++) {
                if (s == warmup) {
                    start = System.nanoTime();
                    phases = new PhaseTimes();
                    if (trace != null) {
                        TorchProfiler.start();
                    }
                }
                try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                    phases.start();
                    NDArray x = step.create(images, new Shape(batch, 3, size, size));
                    if ("infer".equals(mode)) {
                        phases.lap("input");
                        block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                        phases.lap("forward");
                    } else {
                        NDArray y = step.create(targets, new Shape(batch, 10));
                        phases.lap("input");
                        NDArray loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
                            phases.lap("forward");
                            loss = Losses.softTargetCrossEntropy(logits, y);
                            phases.lap("loss");
                            gc.backward(loss);
                            phases.lap("backward");
                        }
                        opt.step(params, 0.001, step);
                        phases.lap("optimiser");
                        loss.getFloat();
                        phases.lap("read loss");
                    }
                }
                phases.lap("free step tensors");
                if (s == 0) {
                    liveBefore = manager.getManagedArrays().size();
                }
                if ((s + 1) % Math.max(1, (warmup + steps) / 10) == 0) {
                    rss.add(rssKb("VmRSS"));
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            if (trace != null) {
                TorchProfiler.stop(trace);
            }
            liveAfter = manager.getManagedArrays().size();
        }
        if (profile) {
            System.out.println(phases.table(steps));
            System.out.println(loaderTable());
        }
        System.out.printf("{\"framework\":\"condense-djl\",\"model\":\"%s\",\"mode\":\"%s\",\"batch\":%d,\"size\":%d,"
                        + "\"steps\":%d,\"images_per_s\":%.1f,\"step_ms\":%.2f,\"live_arrays_after_first_step\":%d,"
                        + "\"live_arrays_at_end\":%d,\"peak_rss_mb\":%.1f,\"rss_mb_over_time\":%s}%n",
                model, mode, batch, size, steps, steps * batch / seconds, 1000 * seconds / steps, liveBefore, liveAfter,
                rssKb("VmHWM") / 1024.0, rss.stream().map(k -> String.format("%.0f", k / 1024.0)).toList());
        return 0;
    }

    /** Per batch: reading + normalising + the standard-hard augmentation (RRC 0.08–1 + flip), as the loader does it. */
    private String loaderTable() {
        int n = batch * Math.max(4, Math.min(steps, 20));
        Random random = new Random(1);
        byte[] pixels = new byte[n * 3 * size * size];
        random.nextBytes(pixels);
        int[] labels = new int[n];
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add("c" + k);
        }
        ImageDataset ds = InMemoryDataset.of("synthetic", classes, 3, size, size, labels, pixels);
        Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        Recipe recipe = Protocols.load("standard-hard").recipe();
        int[] order = Permutations.random(n, new Random(0));
        long t0 = System.nanoTime();
        int batches = 0;
        try (BatchLoader loader = new BatchLoader(ds, norm, order, batch,
                Augmentations.sampleAugmentation(recipe.augment(), size), Augmentations.batchAugmentation(recipe.augment()),
                0, 0)) {
            while (loader.hasNext()) {
                loader.next();
                batches++;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / batches;
        return String.format("loader (own thread, overlaps the step): normalise + standard-hard augmentation %.2f ms per batch of %d",
                ms, batch);
    }

    private static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
