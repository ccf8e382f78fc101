package dev.jtensor.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@link TrainingStepBenchmark}'s step in TensorFlow Java's graph mode: the same network, data and
 * initial weights ({@link TrainingData}), symbolic gradients ({@code tf.gradients}) and one
 * {@code ApplyGradientDescent} per variable, all run by one {@code Session.run} per step that also
 * fetches the loss. The data are graph constants, so no feeding is timed (as on the jtensor side).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TfJavaTrainingStepBenchmark {

    private Graph graph;
    private Session session;
    private Operand<TFloat32> loss;
    private List<Op> updates;

    @Setup
    public void setUp() {
        TrainingData data = TrainingData.create();
        graph = new Graph();
        Ops tf = Ops.create(graph);
        Operand<TFloat32> images = constant(tf, data.images()), labels = constant(tf, data.labels());
        Variable<TFloat32> w1 = tf.variable(constant(tf, data.w1())), b1 = tf.variable(constant(tf, data.b1()));
        Variable<TFloat32> w2 = tf.variable(constant(tf, data.w2())), b2 = tf.variable(constant(tf, data.b2()));
        Operand<TFloat32> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(images, w1), b1));
        Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(hidden, w2), b2);
        Operand<TFloat32> perExample = tf.math.neg(tf.sum(tf.math.mul(labels, tf.nn.logSoftmax(logits)), tf.constant(1)));
        loss = tf.math.mean(perExample, tf.constant(0));
        List<Variable<TFloat32>> params = List.of(w1, b1, w2, b2);
        Gradients grads = tf.gradients(loss, params);
        Operand<TFloat32> alpha = tf.constant((float) TrainingData.LEARNING_RATE);
        updates = new java.util.ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            updates.add(tf.train.applyGradientDescent(params.get(i), alpha, grads.<TFloat32>dy(i)));
        }
        session = new Session(graph);
        session.initialize();
    }

    private static Operand<TFloat32> constant(Ops tf, dev.jtensor.Tensor value) {
        long[] shape = java.util.Arrays.stream(value.shape().toArray()).asLongStream().toArray();
        return tf.constant(Shape.of(shape), DataBuffers.of(value.toFloatArray(), true, false));
    }

    @Benchmark
    public float step() {
        Session.Runner runner = session.runner().fetch(loss);
        for (Op update : updates) runner.addTarget(update);
        try (Result result = runner.run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @TearDown
    public void close() {
        session.close();
        graph.close();
    }
}
