package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.nn.tensorboard.EventFile;
import dev.jtensor.nn.tensorboard.ScalarPoint;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001's Saver and TensorBoard: the event file holds the MSE per 10 batches and the graph; the checkpoint restores. */
class GraphToolingTest {

    @TempDir
    Path dir;

    @Test
    void theMsePerStepAndTheGraphReachTensorBoardAndTheCheckpointRestores() throws Exception {
        Diabetes diabetes = Diabetes.load();
        GraphTooling.Result r = GraphTooling.run(diabetes.standardizedWithBias(), diabetes.targetColumn(), 20, 100,
                dir.resolve("logs"), dir.resolve("model.safetensors"));
        // 442 rows in batches of 100: 5 batches an epoch, 100 steps, an MSE every 10
        assertEquals(10, r.mse().size());
        assertTrue(r.mse().get(0) > 20000, "the first MSE, at theta = 0: " + r.mse().get(0));
        assertTrue(r.mse().get(9) < 3500, "the MSE after 18 epochs: " + r.mse().get(9));
        assertArrayEquals(r.theta(), r.restored(), "restored in a fresh session");

        List<Path> files = EventFile.find(dir.resolve("logs"));
        assertEquals(1, files.size());
        EventFile events = EventFile.read(files.get(0)).requireIntact();
        List<ScalarPoint> points = events.scalars("MSE");
        assertEquals(10, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(10L * i, points.get(i).step());
            assertEquals(r.mse().get(i), (float) points.get(i).value());
        }
        GraphDef graph = GraphDef.parseFrom(events.events().stream().filter(e -> e.hasGraphDef()).findFirst()
                .orElseThrow().getGraphDef());
        assertTrue(graph.getNodeList().stream().anyMatch(n -> n.getName().equals("loss/mse")), "the loss name scope");
        BufferedImage curve = ImageIO.read(Plots.curves(events, "MSE", dir.resolve("mse.png")).toFile());
        assertEquals(Plots.WIDTH, curve.getWidth());
        assertEquals(Plots.HEIGHT, curve.getHeight());
    }
}
