package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The stateful updates: axpy and the fused optimizer rules ({@code dev.jtensor.accel.UpdateRule}),
 * so that variables and their slots stay on the device while training. Every operation is done in
 * double and, for float32, rounded to float at once ({@link #round}): for +, -, *, / and sqrt that
 * is exactly float arithmetic, so one definition serves both types in the reference's order.
 * Arguments: the rule, the size, the type code, the gradient's offset, four state offsets, four
 * output offsets, and where {@link #hyperparameters} left the rule's hyperparameters. Each rule is its own method, as
 * TornadoVM inlines only methods of bounded size (600 nodes), and accesses float32 or float64 only.
 */
final class Updates {

    static final int RULE = 0, SIZE = 1, CODE = 2, GRADIENT = 3, STATE = 4, OUT = 8, HYPERPARAMETERS = 12;
    // rules (UpdateRule); AXPY: out = y + alpha * x with x as the gradient, y as state 0
    static final int AXPY = 0, MOMENTUM = 1, NESTEROV = 2, ADAM = 3, AMSGRAD = 4, RMSPROP = 5, RMSPROP_MOMENTUM = 6,
            CENTERED_RMSPROP = 7, CENTERED_RMSPROP_MOMENTUM = 8, ADAGRAD = 9;

    private Updates() {
    }

    public static void update(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(SIZE), rule = a.get(RULE);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            if (rule == AXPY) {
                axpy(a, s, e, f, d, i, l);
            } else if (rule == MOMENTUM || rule == NESTEROV) {
                momentum(a, s, e, f, d, i, l);
            } else if (rule == ADAM || rule == AMSGRAD) {
                adamMoments(a, s, e, f, d, i, l);
                adamStep(a, s, e, f, d, i, l);
            } else if (rule == ADAGRAD) {
                adagrad(a, s, e, f, d, i, l);
            } else {
                rmspropAverages(a, s, e, f, d, i, l);
                if (rule == CENTERED_RMSPROP || rule == CENTERED_RMSPROP_MOMENTUM) rmspropCenter(a, s, e, f, d, i, l);
                double increment = rmspropIncrement(a, s, e, f, d, i, l);
                if (rule == RMSPROP_MOMENTUM || rule == CENTERED_RMSPROP_MOMENTUM) {
                    increment = rmspropMomentum(a, s, e, increment, f, d, i, l);
                }
                subtract(a, e, increment, f, d, i, l);
            }
        }
    }

    /** {@code x} rounded to the element type. */
    static double round(boolean single, double x) {
        return single ? (double) (float) x : x;
    }

    /** Hyperparameter {@code k}, which {@link #hyperparameters} put in the float64 arena before the update. */
    static double scalar(IntArray a, DoubleArray d, int k) {
        return round(a.get(CODE) == ElementCode.F32, d.get(a.get(HYPERPARAMETERS) + k));
    }

    /** Arguments of {@link #hyperparameters}: the count, where they go in the float64 arena, then each one's code and offset. */
    static final int COUNT = 0, TARGET = 1, VALUES = 2;

    /**
     * Gathers an update's hyperparameters into the float64 arena, from where they live: a code of -1
     * takes the value the host passed in the scalars, any other reads one element of a device tensor
     * (a learning rate the device computed). One launch before each update.
     */
    public static void hyperparameters(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(COUNT), at = a.get(TARGET);
        for (int k = c.globalIdx; k < n; k += c.globalGroupSizeX) {
            int code = a.get(VALUES + 2 * k);
            d.set(at + k, code < 0 ? s.get(k) : Memory.loadD(code, a.get(VALUES + 2 * k + 1), f, d, i, l));
        }
    }

    /** Element {@code e} of state {@code slot} (0 is the variable, -1 the gradient). */
    static double load(IntArray a, int slot, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int k = (slot < 0 ? a.get(GRADIENT) : a.get(STATE + slot)) + e;
        return a.get(CODE) == ElementCode.F32 ? f.get(k) : d.get(k);
    }

    static void store(IntArray a, int slot, int e, double v, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int k = a.get(OUT + slot) + e;
        if (a.get(CODE) == ElementCode.F32) {
            f.set(k, (float) v);
        } else {
            d.set(k, v);
        }
    }

    static void axpy(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double product = round(single, scalar(a, d, 0) * load(a, -1, e, f, d, i, l));
        store(a, 0, e, round(single, load(a, 0, e, f, d, i, l) + product), f, d, i, l);
    }

    static void momentum(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double lr = scalar(a, d, 0), mu = scalar(a, d, 1), g = load(a, -1, e, f, d, i, l);
        double step = round(single, g * lr);
        double m = round(single, round(single, load(a, 1, e, f, d, i, l) * mu) - step);
        store(a, 1, e, m, f, d, i, l);
        double delta = a.get(RULE) == NESTEROV ? round(single, round(single, m * mu) - step) : m;
        store(a, 0, e, round(single, load(a, 0, e, f, d, i, l) + delta), f, d, i, l);
    }

    /** Adam's moments, written to their slots. */
    static void adamMoments(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double b1 = scalar(a, d, 1), b2 = scalar(a, d, 2);
        double g = load(a, -1, e, f, d, i, l), m0 = load(a, 1, e, f, d, i, l), v0 = load(a, 2, e, f, d, i, l);
        store(a, 1, e, round(single, m0 + round(single, round(single, g - m0) * b1)), f, d, i, l);
        double v = round(single, v0 + round(single, round(single, round(single, g * g) - v0) * b2));
        store(a, 2, e, v, f, d, i, l);
    }

    /** Adam's step (and AMSGrad's running maximum), from the moments {@link #adamMoments} wrote. */
    static void adamStep(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double m = written(a, 1, e, f, d, i, l), v = written(a, 2, e, f, d, i, l);
        if (a.get(RULE) == AMSGRAD) {
            double vhat = load(a, 3, e, f, d, i, l);
            v = vhat > v ? vhat : v;
            store(a, 3, e, v, f, d, i, l);
        }
        double denominator = round(single, round(single, TornadoMath.sqrt(v)) + scalar(a, d, 3));
        double step = round(single, round(single, m * scalar(a, d, 0)) / denominator);
        store(a, 0, e, round(single, load(a, 0, e, f, d, i, l) - step), f, d, i, l);
    }

    static void adagrad(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double lr = scalar(a, d, 0), eps = scalar(a, d, 1), g = load(a, -1, e, f, d, i, l);
        double acc = round(single, load(a, 1, e, f, d, i, l) + round(single, g * g));
        store(a, 1, e, acc, f, d, i, l);
        double step = round(single, round(single, lr * g) / round(single, TornadoMath.sqrt(round(single, acc + eps))));
        store(a, 0, e, round(single, load(a, 0, e, f, d, i, l) - step), f, d, i, l);
    }

    /** RMSprop's first part: the new velocity, written to its slot. */
    static void rmspropAverages(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double rho = scalar(a, d, 1), oneMinusRho = scalar(a, d, 2), g = load(a, -1, e, f, d, i, l);
        store(a, 1, e, round(single, round(single, rho * load(a, 1, e, f, d, i, l)) + round(single, oneMinusRho * round(single, g * g))), f, d, i, l);
    }

    /** Centered RMSprop's average of the gradients, written to its slot. */
    static void rmspropCenter(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        double rho = scalar(a, d, 1), oneMinusRho = scalar(a, d, 2), g = load(a, -1, e, f, d, i, l);
        store(a, 2, e, round(single, round(single, rho * load(a, 2, e, f, d, i, l)) + round(single, oneMinusRho * g)), f, d, i, l);
    }

    /** RMSprop's increment, from the slots the parts before wrote. */
    static double rmspropIncrement(IntArray a, DoubleArray s, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        int rule = a.get(RULE);
        double denominator = written(a, 1, e, f, d, i, l);
        if (rule == CENTERED_RMSPROP || rule == CENTERED_RMSPROP_MOMENTUM) {
            double avg = written(a, 2, e, f, d, i, l);
            denominator = round(single, denominator - round(single, avg * avg));
        }
        double lr = scalar(a, d, 0), eps = scalar(a, d, 3), g = load(a, -1, e, f, d, i, l);
        return round(single, round(single, lr * g) / round(single, TornadoMath.sqrt(round(single, denominator + eps))));
    }

    /** RMSprop's momentum slot {@code mom = momentum * mom + increment}, written and returned. */
    static double rmspropMomentum(IntArray a, DoubleArray s, int e, double increment, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        int slot = a.get(RULE) == CENTERED_RMSPROP_MOMENTUM ? 3 : 2;
        double mom = round(single, round(single, scalar(a, d, 4) * load(a, slot, e, f, d, i, l)) + increment);
        store(a, slot, e, mom, f, d, i, l);
        return mom;
    }

    /** {@code w = w - delta}. */
    static void subtract(IntArray a, int e, double delta, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        boolean single = a.get(CODE) == ElementCode.F32;
        store(a, 0, e, round(single, load(a, 0, e, f, d, i, l) - delta), f, d, i, l);
    }

    /** Element {@code e} of output {@code slot}, as this work item wrote it. */
    static double written(IntArray a, int slot, int e, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int k = a.get(OUT + slot) + e;
        return a.get(CODE) == ElementCode.F32 ? f.get(k) : d.get(k);
    }
}
