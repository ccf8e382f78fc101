package dev.jtensor.bench;

import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@link ElementwiseChain}'s chains built with TensorFlow Java's {@link Ops}, with the same
 * constants: into a graph, or run eagerly. Eagerly each intermediate is handed to {@code done} as
 * soon as the next op has consumed it ({@link TfOutputs#free}, see there why), as NumPy frees its
 * temporaries; in a graph {@code done} does nothing.
 */
final class TfChain {

    private final Ops tf;
    private final Operand<TFloat32> a, b, c, d;
    private final Consumer<Operand<TFloat32>> done;

    /** The constants are made once here, not per chain, so an eager chain makes none per call. */
    TfChain(Ops tf, Consumer<Operand<TFloat32>> done) {
        this.tf = tf;
        this.done = done;
        a = tf.constant(ElementwiseChain.A);
        b = tf.constant(ElementwiseChain.B);
        c = tf.constant(ElementwiseChain.C);
        d = tf.constant(ElementwiseChain.D);
    }

    /** {@code ((x * A + B) * x - C) / D}. */
    Operand<TFloat32> chain5(Operand<TFloat32> x) {
        Operand<TFloat32> t = tf.math.mul(x, a);
        t = then(t, tf.math.add(t, b));
        t = then(t, tf.math.mul(t, x));
        t = then(t, tf.math.sub(t, c));
        return then(t, tf.math.div(t, d));
    }

    /** {@code chain5(chain5(x))}. */
    Operand<TFloat32> ops10(Operand<TFloat32> x) {
        Operand<TFloat32> y = chain5(x);
        return then(y, chain5(y));
    }

    private Operand<TFloat32> then(Operand<TFloat32> consumed, Operand<TFloat32> next) {
        done.accept(consumed);
        return next;
    }
}
