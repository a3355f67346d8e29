package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.function.BinaryOperator;

/**
 * Operations with a constant that are safe on the autograd path; use them instead of DJL's
 * {@code mul(Number)}, {@code div(Number)}, {@code minimum(Number)}, {@code maximum(Number)},
 * {@code pow(Number)} and the activations built on them ({@code Activation.relu6}, {@code swish}).
 *
 * <p>Why: DJL 0.36 turns the number into a 0-d tensor over a Java direct buffer (no copy), runs the
 * op, and closes the tensor at once. The autograd graph keeps that tensor for the backward pass
 * (the gradient of {@code x·c} is {@code c}), but the buffer's memory now belongs to no one: a
 * garbage collection between forward and backward frees it, and backward reads whatever is there
 * (gradients of 1e-28 or 1e32 were seen). It happened at random moments, so runs that should have
 * been bit-identical were not. Here the constant is made by libtorch ({@code full}), which owns
 * the memory; the graph's reference keeps it alive. The result is bit-identical to DJL's op when no
 * collection intervenes (the constant is cast to the array's type either way).
 */
public final class ScalarOps {
    private ScalarOps() {}

    /** {@code x · c}. */
    public static NDArray mul(NDArray x, double c) {
        return withConstant(x, c, NDArray::mul);
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return withConstant(x, c, NDArray::div);
    }

    /** {@code min(x, c)} elementwise. */
    public static NDArray minimum(NDArray x, double c) {
        return withConstant(x, c, NDArray::minimum);
    }

    /** {@code max(x, c)} elementwise. */
    public static NDArray maximum(NDArray x, double c) {
        return withConstant(x, c, NDArray::maximum);
    }

    /** {@code min(relu(x), 6)}, as DJL's and torchvision's ReLU6. */
    public static NDArray relu6(NDArray x) {
        return minimum(Activation.relu(x), 6);
    }

    /** SiLU, {@code x·σ(x)} (DJL's {@code swish(x, 1)} without its {@code x·1}). */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** A block applying {@link #relu6}. */
    public static Block relu6Block() {
        return new LambdaBlock(list -> new NDList(relu6(list.singletonOrThrow())), "ReLU6");
    }

    /** A block applying {@link #silu}. */
    public static Block siluBlock() {
        return new LambdaBlock(list -> new NDList(silu(list.singletonOrThrow())), "SiLU");
    }

    /**
     * {@code op(x, c)} with {@code c} as a 0-d array in {@code x}'s type, device and manager, in
     * memory libtorch owns; closing our handle leaves the graph's reference intact.
     */
    private static NDArray withConstant(NDArray x, double c, BinaryOperator<NDArray> op) {
        try (NDArray constant = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return op.apply(x, constant);
        }
    }
}
