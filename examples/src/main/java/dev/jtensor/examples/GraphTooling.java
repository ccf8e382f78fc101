package dev.jtensor.examples;

import dev.jtensor.Index;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Session;
import dev.jtensor.nn.checkpoint.Saver;
import dev.jtensor.nn.tensorboard.SummaryWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's tooling around mini-batch gradient descent on the diabetes data: the MSE every 10
 * batches and the graph (with its {@code loss} name scope) written for TensorBoard, the variables
 * saved with a {@link Saver} every 10 epochs and at the end, then restored into a fresh session.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.GraphTooling},
 * then {@code tensorboard --logdir target/tf_logs}.
 */
public final class GraphTooling {

    /**
     * What a run leaves behind.
     *
     * @param mse      the logged MSE values, one every 10 batches
     * @param theta    the parameters at the end of training
     * @param restored the parameters read back from the checkpoint in a new session
     */
    public record Result(List<Float> mse, float[] theta, float[] restored) {
    }

    private GraphTooling() {
    }

    /** Trains for {@code epochs} epochs in batches of {@code batchSize}, logging to {@code logdir} and saving to {@code checkpoint}. */
    public static Result run(Tensor features, Tensor targets, int epochs, int batchSize, Path logdir, Path checkpoint) {
        int m = features.shape().get(0), n = features.shape().get(1);
        GraphBasics.MiniBatchGraph net = GraphBasics.miniBatchGraph(n, 0.1);
        Saver saver = new Saver(net.graph());
        List<Float> logged = new ArrayList<>();
        float[] theta;
        try (SummaryWriter writer = SummaryWriter.create(logdir); Session session = new Session(net.graph())) {
            writer.graph(net.graph());
            session.run(net.graph().globalVariablesInitializer());
            int step = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (epoch % 10 == 0) saver.save(session, checkpoint);
                for (int start = 0; start < m; start += batchSize, step++) {
                    Index rows = Index.range(start, Math.min(m, start + batchSize));
                    Map<Tensor, Object> feed = Map.of(net.x(), features.get(rows), net.y(), targets.get(rows));
                    if (step % 10 == 0) {
                        float mse = session.run(net.mse(), feed).floatValue();
                        writer.scalar("MSE", mse, step);
                        logged.add(mse);
                    }
                    session.run(net.trainingOp(), feed);
                }
            }
            saver.save(session, checkpoint);
            theta = session.run(net.theta()).toFloatArray();
        }
        try (Session fresh = new Session(net.graph())) {
            saver.restore(fresh, checkpoint);
            return new Result(logged, theta, fresh.run(net.theta()).toFloatArray());
        }
    }

    public static void main(String[] args) {
        Diabetes diabetes = Diabetes.load();
        Result r = run(diabetes.standardizedWithBias(), diabetes.targetColumn(), 20, 100,
                Path.of("target/tf_logs/run"), Path.of("target/my_model.safetensors"));
        System.out.println("MSE every 10 batches: " + r.mse());
        System.out.println("theta restored from target/my_model.safetensors equals the trained one: "
                + java.util.Arrays.equals(r.theta(), r.restored()));
        System.out.println("TensorBoard: tensorboard --logdir target/tf_logs");
    }
}
