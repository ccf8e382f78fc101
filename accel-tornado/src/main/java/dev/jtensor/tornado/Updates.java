package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The stateful updates: axpy and the fused optimizer rules ({@code dev.jtensor.accel.UpdateRule}),
 * so that variables and their slots stay on the device while training. float32 is computed in
 * float operations, float64 in double, in the reference's order. Arguments: the rule, the size,
 * the type code, the gradient's offset, up to four state offsets, then as many output offsets; the
 * scalars are the rule's hyperparameters.
 */
final class Updates {

    static final int RULE = 0, SIZE = 1, CODE = 2, GRADIENT = 3, STATE = 4, OUT = 8;
    // rules (UpdateRule); AXPY: out = y + alpha * x with x as the gradient, y as state 0
    static final int AXPY = 0, MOMENTUM = 1, NESTEROV = 2, ADAM = 3, AMSGRAD = 4, RMSPROP = 5, RMSPROP_MOMENTUM = 6,
            CENTERED_RMSPROP = 7, CENTERED_RMSPROP_MOMENTUM = 8, ADAGRAD = 9;

    private Updates() {
    }

    public static void update(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(SIZE);
        boolean single = a.get(CODE) == ElementCode.F32;
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            if (single) {
                updateFloat(a, s, f, e);
            } else {
                updateDouble(a, s, d, e);
            }
        }
    }

    static void updateFloat(IntArray a, DoubleArray s, FloatArray f, int e) {
        int rule = a.get(RULE);
        float p0 = (float) s.get(0), p1 = (float) s.get(1), p2 = (float) s.get(2), p3 = (float) s.get(3), p4 = (float) s.get(4);
        float g = f.get(a.get(GRADIENT) + e), w = f.get(a.get(STATE) + e);
        int s1 = a.get(STATE + 1) + e, s2 = a.get(STATE + 2) + e, s3 = a.get(STATE + 3) + e;
        int o0 = a.get(OUT) + e, o1 = a.get(OUT + 1) + e, o2 = a.get(OUT + 2) + e, o3 = a.get(OUT + 3) + e;
        if (rule == AXPY) {
            float product = p0 * g;
            f.set(o0, w + product);
        } else if (rule == MOMENTUM || rule == NESTEROV) {
            float m = f.get(s1) * p1 - g * p0;
            f.set(o1, m);
            f.set(o0, w + (rule == NESTEROV ? m * p1 - g * p0 : m));
        } else if (rule == ADAM || rule == AMSGRAD) {
            float m0 = f.get(s1), v0 = f.get(s2);
            float m = m0 + (g - m0) * p1;
            float v = v0 + (g * g - v0) * p2;
            f.set(o1, m);
            f.set(o2, v);
            if (rule == AMSGRAD) {
                float vhat = f.get(s3);
                v = vhat > v ? vhat : v;
                f.set(o3, v);
            }
            f.set(o0, w - (m * p0) / (TornadoMath.sqrt(v) + p3));
        } else if (rule == ADAGRAD) {
            float acc = f.get(s1) + g * g;
            f.set(o1, acc);
            f.set(o0, w - (p0 * g) / TornadoMath.sqrt(acc + p1));
        } else {
            boolean centered = rule == CENTERED_RMSPROP || rule == CENTERED_RMSPROP_MOMENTUM;
            boolean momentum = rule == RMSPROP_MOMENTUM || rule == CENTERED_RMSPROP_MOMENTUM;
            float vel = p1 * f.get(s1) + p2 * (g * g);
            float denominator = vel;
            f.set(o1, vel);
            if (centered) {
                float avg = p1 * f.get(s2) + p2 * g;
                f.set(o2, avg);
                denominator = vel - avg * avg;
            }
            float increment = (p0 * g) / TornadoMath.sqrt(denominator + p3);
            if (momentum) {
                increment = p4 * f.get(centered ? s3 : s2) + increment;
                f.set(centered ? o3 : o2, increment);
            }
            f.set(o0, w - increment);
        }
    }

    static void updateDouble(IntArray a, DoubleArray s, DoubleArray d, int e) {
        int rule = a.get(RULE);
        double p0 = s.get(0), p1 = s.get(1), p2 = s.get(2), p3 = s.get(3), p4 = s.get(4);
        double g = d.get(a.get(GRADIENT) + e), w = d.get(a.get(STATE) + e);
        int s1 = a.get(STATE + 1) + e, s2 = a.get(STATE + 2) + e, s3 = a.get(STATE + 3) + e;
        int o0 = a.get(OUT) + e, o1 = a.get(OUT + 1) + e, o2 = a.get(OUT + 2) + e, o3 = a.get(OUT + 3) + e;
        if (rule == AXPY) {
            double product = p0 * g;
            d.set(o0, w + product);
        } else if (rule == MOMENTUM || rule == NESTEROV) {
            double m = d.get(s1) * p1 - g * p0;
            d.set(o1, m);
            d.set(o0, w + (rule == NESTEROV ? m * p1 - g * p0 : m));
        } else if (rule == ADAM || rule == AMSGRAD) {
            double m0 = d.get(s1), v0 = d.get(s2);
            double m = m0 + (g - m0) * p1;
            double v = v0 + (g * g - v0) * p2;
            d.set(o1, m);
            d.set(o2, v);
            if (rule == AMSGRAD) {
                double vhat = d.get(s3);
                v = vhat > v ? vhat : v;
                d.set(o3, v);
            }
            d.set(o0, w - (m * p0) / (TornadoMath.sqrt(v) + p3));
        } else if (rule == ADAGRAD) {
            double acc = d.get(s1) + g * g;
            d.set(o1, acc);
            d.set(o0, w - (p0 * g) / TornadoMath.sqrt(acc + p1));
        } else {
            boolean centered = rule == CENTERED_RMSPROP || rule == CENTERED_RMSPROP_MOMENTUM;
            boolean momentum = rule == RMSPROP_MOMENTUM || rule == CENTERED_RMSPROP_MOMENTUM;
            double vel = p1 * d.get(s1) + p2 * (g * g);
            double denominator = vel;
            d.set(o1, vel);
            if (centered) {
                double avg = p1 * d.get(s2) + p2 * g;
                d.set(o2, avg);
                denominator = vel - avg * avg;
            }
            double increment = (p0 * g) / TornadoMath.sqrt(denominator + p3);
            if (momentum) {
                increment = p4 * d.get(centered ? s3 : s2) + increment;
                d.set(centered ? o3 : o2, increment);
            }
            d.set(o0, w - increment);
        }
    }
}
