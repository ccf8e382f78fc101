package dev.jtensor.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.SafeTensors;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow 1's Saver in graph mode, as seed 001 uses it. */
class SaverTest {

    @TempDir
    Path dir;

    @Test
    void savesASessionsValuesAndRestoresThemIntoAnotherSession() {
        Graph g = new Graph();
        Path file = dir.resolve("my_model.ckpt");
        try (var scope = g.asDefault()) {
            Variable theta = new Variable(TF.constant(new float[][] {{1}, {2}}), "theta", true);
            Variable step = new Variable(TF.constant(0L), "global_step", false);
            Tensor update = g.assign(theta, theta.asTensor().mul(3f));
            Tensor bump = g.assignAdd(step, TF.constant(1L));
            Saver saver = new Saver(g);
            try (Session sess = new Session(g)) {
                sess.run(g.globalVariablesInitializer());
                sess.run(List.of(update, bump));
                assertEquals(file, saver.save(sess, file));
            }
            SafeTensors written = SafeTensors.load(file);
            assertEquals(List.of("global_step", "theta"), List.copyOf(written.tensors().keySet()));
            assertArrayEquals(new float[] {3, 6}, written.tensors().get("theta").toFloatArray());
            try (Session sess = new Session(g)) {
                saver.restore(sess, file);   // no initializer: the restore assigns
                List<Tensor> values = sess.run(List.of(theta, step));
                assertArrayEquals(new float[] {3, 6}, values.get(0).toFloatArray());
                assertEquals(1L, values.get(1).longValue());
                sess.run(update);
                saver.restore(sess, file);
                assertArrayEquals(new float[] {3, 6}, sess.run(theta).toFloatArray());
            }
        }
    }

    @Test
    void aFileOfOtherVariablesChangesNothing() {
        Path file = dir.resolve("other.safetensors");
        Graph g1 = new Graph();
        try (var scope = g1.asDefault()) {
            new Variable(TF.constant(new float[] {1, 2, 3}), "theta", true);
            Saver saver = new Saver(g1);
            try (Session sess = new Session(g1)) {
                sess.run(g1.globalVariablesInitializer());
                saver.save(sess, file);
            }
        }
        Graph g2 = new Graph();
        try (var scope = g2.asDefault()) {
            Variable theta = new Variable(TF.constant(new float[] {0, 0}), "theta", true);
            Saver saver = new Saver(g2);
            try (Session sess = new Session(g2)) {
                sess.run(g2.globalVariablesInitializer());
                var e = assertThrows(InvalidArgumentException.class, () -> saver.restore(sess, file));
                assertTrue(e.getMessage().contains("mismatched: theta (file: float32 (3,), the Saver's variables: "
                        + "float32 (2,))"), e.getMessage());
                assertArrayEquals(new float[] {0, 0}, sess.run(theta).toFloatArray());
                try (Session other = new Session(new Graph())) {
                    assertThrows(InvalidArgumentException.class, () -> saver.save(other, file));
                }
            }
        }
    }
}
