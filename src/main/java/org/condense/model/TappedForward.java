package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The forward pass of the taps ({@link BatchNormTap}, {@link StatisticsTap}): DJL has no forward
 * hooks, so this walks the networks built here — {@link SequentialBlock}s, {@link Composite}
 * blocks, leaves — runs each leaf itself, and hands every tapped layer's input out before the
 * layer runs. The output equals {@code block.forward}.
 */
final class TappedForward {
    private final Predicate<Block> tapped;
    private final BiConsumer<Block, NDArray> seen;
    private final String what;

    /**
     * @param tapped the layers whose inputs are wanted
     * @param seen receives each tapped layer and its input, in the order the layers run
     * @param what the inputs' name in the error for a block this walk cannot enter
     */
    TappedForward(Predicate<Block> tapped, BiConsumer<Block, NDArray> seen, String what) {
        this.tapped = tapped;
        this.seen = seen;
        this.what = what;
    }

    NDArray forward(Block block, ParameterStore store, NDArray x, boolean training) {
        return run(block, store, new NDList(x), training).singletonOrThrow();
    }

    private NDList run(Block block, ParameterStore store, NDList in, boolean training) {
        if (tapped.test(block)) {
            seen.accept(block, in.singletonOrThrow());
            return block.forward(store, in, training);
        }
        if (block instanceof SequentialBlock) {
            NDList current = in;
            for (Block child : block.getChildren().values()) {
                current = run(child, store, current, training);
            }
            return current;
        }
        if (block instanceof Composite composite) {
            return composite.forwardWith((child, x) -> run(child, store, x, training), in);
        }
        if (!contains(block)) {
            return block.forward(store, in, training);
        }
        throw new IllegalArgumentException("cannot see the " + what + " inside a " + block.getClass().getSimpleName());
    }

    /** Whether {@code block} is or holds a tapped layer. */
    private boolean contains(Block block) {
        if (tapped.test(block)) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (contains(child)) {
                return true;
            }
        }
        return false;
    }
}
