package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * G-VBSM's "data densification" term (the {@code nuc_norm} loss of the authors' recover code):
 * for each class of the batch, the images average-pooled to 32×32 (AdaptiveAvgPool2d) and
 * flattened to the rows of {@code X}, their Gram matrix {@code G = X·Xᵀ} and its eigenvalues λ;
 * the term is {@code KL(softmax(λ/τ) ‖ softmax(λ)) = Σ t·(log t − log_softmax(λ))} with the
 * target {@code t = softmax(λ/τ)} held constant (the code's {@code tea.detach()}), summed over
 * classes. A class with one image in the batch gives 0.
 *
 * <p>DJL has no differentiable eigen-decomposition, so the eigenvalues come from
 * {@link SymmetricEigen} and the gradient is put back by hand: for a symmetric G with
 * eigenvectors v_k, {@code ∂λ_k/∂G = v_k·v_kᵀ} and {@code ∂KL/∂λ = softmax(λ) − t}, so
 * {@code ∂KL/∂G = V·diag(softmax(λ) − t)·Vᵀ =: M}; the term is built as
 * {@code KL + Σ(G⊙M) − stopGradient(Σ(G⊙M))}, whose value is the KL and whose gradient flows
 * from G to the pixels by autograd — what torch's {@code eigvals} backward gives for a symmetric G.
 */
final class Densification {
    static final int POOLED = 32;

    private Densification() {}

    /**
     * The term for {@code x} (N, C, H, W) with class {@code labels[i]} for row i; rows of one class
     * must be consecutive (G-VBSM batches are class-major). A scalar in {@code manager}.
     */
    static NDArray of(NDArray x, int[] labels, double tau, NDManager manager) {
        Shape s = x.getShape();
        int n = (int) s.get(0);
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " images");
        }
        NDArray pooled = x;
        if (s.get(2) != POOLED || s.get(3) != POOLED) {
            NDArray rows = manager.create(poolMatrix((int) s.get(2), POOLED), new Shape(POOLED, s.get(2)));
            NDArray colsT = manager.create(poolMatrix((int) s.get(3), POOLED), new Shape(POOLED, s.get(3))).transpose();
            pooled = rows.matMul(x).matMul(colsT);
        }
        NDArray flat = pooled.reshape(n, -1);
        NDArray total = manager.zeros(new Shape());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && labels[end] == labels[start]) {
                end++;
            }
            if (!seen.add(labels[start])) {
                throw new IllegalArgumentException("the images of class " + labels[start] + " are not consecutive");
            }
            if (end - start > 1) {
                total = total.add(classTerm(flat.get(start + ":" + end), tau, manager));
            }
            start = end;
        }
        return total;
    }

    /** The term of one class, its images the rows of {@code rows} (m, D). */
    private static NDArray classTerm(NDArray rows, double tau, NDManager manager) {
        int m = (int) rows.getShape().get(0);
        NDArray gram = rows.matMul(rows.transpose());
        float[] g = gram.toFloatArray();
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = g[i * m + j];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(a);
        double[] lambda = eig.values();
        double[] target = softmax(lambda, tau);
        double[] student = softmax(lambda, 1);
        float[] grad = new float[m * m];
        for (int k = 0; k < m; k++) {
            double w = student[k] - target[k];
            double[] v = eig.vectors()[k];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    grad[i * m + j] += (float) (w * v[i] * v[j]);
                }
            }
        }
        NDArray surrogate = gram.mul(manager.create(grad, new Shape(m, m))).sum();
        return surrogate.sub(surrogate.stopGradient()).add((float) kl(lambda, target));
    }

    /** {@code Σ_k target_k·(log target_k − log_softmax(λ)_k)}, with 0·log 0 = 0 as torch's KLDivLoss. */
    static double kl(double[] lambda, double[] target) {
        double lse = logSumExp(lambda, 1);
        double sum = 0;
        for (int k = 0; k < lambda.length; k++) {
            if (target[k] > 0) {
                sum += target[k] * (Math.log(target[k]) - (lambda[k] - lse));
            }
        }
        return sum;
    }

    /** {@code softmax(λ/τ)}. */
    static double[] softmax(double[] lambda, double tau) {
        double lse = logSumExp(lambda, tau);
        double[] out = new double[lambda.length];
        for (int k = 0; k < lambda.length; k++) {
            out[k] = Math.exp(lambda[k] / tau - lse);
        }
        return out;
    }

    private static double logSumExp(double[] lambda, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : lambda) {
            max = Math.max(max, l / tau);
        }
        double sum = 0;
        for (double l : lambda) {
            sum += Math.exp(l / tau - max);
        }
        return max + Math.log(sum);
    }

    /** AdaptiveAvgPool's weights along one axis: output i averages inputs ⌊i·in/out⌋ … ⌈(i+1)·in/out⌉−1. */
    static float[] poolMatrix(int in, int out) {
        float[] a = new float[out * in];
        for (int i = 0; i < out; i++) {
            int start = (int) Math.floor((double) i * in / out);
            int end = (int) Math.ceil((double) (i + 1) * in / out);
            for (int j = start; j < end; j++) {
                a[i * in + j] = 1f / (end - start);
            }
        }
        return a;
    }
}
