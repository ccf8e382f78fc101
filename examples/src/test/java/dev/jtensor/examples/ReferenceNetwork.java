package dev.jtensor.examples;

/**
 * The two-layer network of seed 003 in plain Java doubles, its gradients derived by hand, as an
 * independent reference: loss = mean over rows of sum((relu(x w1) w2 - y)^2);
 * dpred = 2 (pred - y) / N, dw2 = h^T dpred, dh = dpred w2^T masked where x w1 <= 0, dw1 = x^T dh.
 */
final class ReferenceNetwork {

    private ReferenceNetwork() {
    }

    /** The loss before each of {@code steps} plain gradient-descent steps from {@code start}. */
    static double[] losses(TwoLayerNetworkGraph.Start start, int steps, double learningRate) {
        int n = TwoLayerNetworkGraph.N, d = TwoLayerNetworkGraph.D, hidden = TwoLayerNetworkGraph.H;
        double[] x = doubles(start.x().toFloatArray()), y = doubles(start.y().toFloatArray());
        double[] w1 = doubles(start.w1().toFloatArray()), w2 = doubles(start.w2().toFloatArray());
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            double[] pre = matmul(x, w1, n, d, hidden), h = new double[pre.length];
            for (int i = 0; i < pre.length; i++) h[i] = Math.max(pre[i], 0);
            double[] pred = matmul(h, w2, n, hidden, d), dpred = new double[pred.length];
            double loss = 0;
            for (int i = 0; i < pred.length; i++) {
                double diff = pred[i] - y[i];
                loss += diff * diff;
                dpred[i] = 2 * diff / n;
            }
            losses[step] = loss / n;
            double[] dw2 = matmulTransposedA(h, dpred, n, hidden, d);
            double[] dh = matmulTransposedB(dpred, w2, n, d, hidden);
            for (int i = 0; i < dh.length; i++) if (pre[i] <= 0) dh[i] = 0;
            double[] dw1 = matmulTransposedA(x, dh, n, d, hidden);
            for (int i = 0; i < w1.length; i++) w1[i] -= learningRate * dw1[i];
            for (int i = 0; i < w2.length; i++) w2[i] -= learningRate * dw2[i];
        }
        return losses;
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i];
        return out;
    }

    /** a (m, k) times b (k, n). */
    private static double[] matmul(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
        }
        return c;
    }

    /** a^T b for a (m, k) and b (m, n): (k, n). */
    private static double[] matmulTransposedA(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[k * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[p * n + j] += aip * b[i * n + j];
            }
        }
        return c;
    }

    /** a b^T for a (m, n) and b (k, n): (m, k). */
    private static double[] matmulTransposedB(double[] a, double[] b, int m, int n, int k) {
        double[] c = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += a[i * n + j] * b[p * n + j];
                c[i * k + p] = sum;
            }
        }
        return c;
    }
}
