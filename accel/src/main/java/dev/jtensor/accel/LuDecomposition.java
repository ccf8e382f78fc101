package dev.jtensor.accel;

/** LU decomposition with partial pivoting of one row-major {@code n x n} matrix, in double precision. */
final class LuDecomposition {

    private final double[] lu;
    private final int[] pivot;
    private final int n;
    private final int sign;
    private final boolean singular;

    private LuDecomposition(double[] lu, int[] pivot, int n, int sign, boolean singular) {
        this.lu = lu;
        this.pivot = pivot;
        this.n = n;
        this.sign = sign;
        this.singular = singular;
    }

    static LuDecomposition of(double[] matrix, int n) {
        double[] lu = matrix.clone();
        int[] pivot = new int[n];
        int sign = 1;
        boolean singular = false;
        for (int i = 0; i < n; i++) pivot[i] = i;
        for (int col = 0; col < n; col++) {
            int best = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(lu[r * n + col]) > Math.abs(lu[best * n + col])) best = r;
            }
            if (best != col) {
                for (int c = 0; c < n; c++) {
                    double t = lu[col * n + c];
                    lu[col * n + c] = lu[best * n + c];
                    lu[best * n + c] = t;
                }
                int t = pivot[col];
                pivot[col] = pivot[best];
                pivot[best] = t;
                sign = -sign;
            }
            double diag = lu[col * n + col];
            if (diag == 0) {
                singular = true;
                continue;
            }
            for (int r = col + 1; r < n; r++) {
                double f = lu[r * n + col] / diag;
                lu[r * n + col] = f;
                for (int c = col + 1; c < n; c++) lu[r * n + c] -= f * lu[col * n + c];
            }
        }
        return new LuDecomposition(lu, pivot, n, sign, singular);
    }

    double determinant() {
        double det = sign;
        for (int i = 0; i < n; i++) det *= lu[i * n + i];
        return det;
    }

    double[] inverse() {
        if (singular) {
            throw new ArithmeticException("input is not invertible");
        }
        double[] inv = new double[n * n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            // solve L U x = P e_j
            for (int i = 0; i < n; i++) col[i] = pivot[i] == j ? 1 : 0;
            for (int i = 0; i < n; i++) {
                double s = col[i];
                for (int c = 0; c < i; c++) s -= lu[i * n + c] * col[c];
                col[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = col[i];
                for (int c = i + 1; c < n; c++) s -= lu[i * n + c] * col[c];
                col[i] = s / lu[i * n + i];
            }
            for (int i = 0; i < n; i++) inv[i * n + j] = col[i];
        }
        return inv;
    }
}
