package org.condense.distill;

/**
 * Eigenvalues and eigenvectors of a small real symmetric matrix by cyclic Jacobi rotations, in
 * double precision. DJL exposes no eigen-decomposition, and G-VBSM only needs it for per-class
 * Gram matrices of at most a batch's images (tens to a few hundred rows), where Jacobi is exact
 * to rounding and fast enough.
 */
record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 60;

    /**
     * Decomposes {@code a} (n×n, symmetric up to rounding; only read). {@code vectors[k]} is the unit
     * eigenvector of {@code values[k]}, so that {@code a = Σ_k values[k]·v_k·v_kᵀ}.
     */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double[][] v = new double[n][n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length + " entries");
            }
            v[i][i] = 1;
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        for (int i = 0; i < n; i++) {
            m[i] = new double[n];
            for (int j = 0; j < n; j++) {
                // a float32 matMul may round (i, j) and (j, i) differently: use the symmetric part
                if (Math.abs(a[i][j] - a[j][i]) > 1e-4 * scale) {
                    throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
                }
                m[i][j] = (a[i][j] + a[j][i]) / 2;
            }
        }
        // Numerical Recipes' stopping rule: an off-diagonal entry too small to change either diagonal
        // entry is set to zero, so the sweeps end at exact zero rather than at a tolerance
        double floor = 1e-15 * n * scale;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += Math.abs(m[p][q]);
                }
            }
            if (off == 0) {
                break;
            }
            if (sweep == MAX_SWEEPS - 1) {
                throw new IllegalStateException("Jacobi eigenvalues did not converge in " + MAX_SWEEPS + " sweeps");
            }
            double threshold = sweep < 3 ? 0.2 * off / ((double) n * n) : 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double g = 100 * Math.abs(m[p][q]);
                    boolean negligible = Math.abs(m[p][p]) + g == Math.abs(m[p][p])
                            && Math.abs(m[q][q]) + g == Math.abs(m[q][q]);
                    // between two (near-)zero eigenvalues that never happens: there, rounding level of the matrix
                    if (sweep > 3 && (negligible || Math.abs(m[p][q]) < floor)) {
                        m[p][q] = 0;
                        m[q][p] = 0;
                    } else if (Math.abs(m[p][q]) > threshold) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[k][k];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][k];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** One Jacobi rotation zeroing m[p][q] (Golub and Van Loan, Algorithm 8.4.1); v accumulates the rotations. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
