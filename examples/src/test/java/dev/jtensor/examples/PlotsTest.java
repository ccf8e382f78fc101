package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.nn.callbacks.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each chart is a PNG of the expected size, with the series' colours actually drawn. */
class PlotsTest {

    @TempDir
    Path dir;

    private static BufferedImage read(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertEquals(0x89, bytes[0] & 0xff, "PNG signature");
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        return image;
    }

    /** How many pixels are within 40 of {@code rgb} in every channel. */
    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs(((p >> shift) & 0xff) - ((rgb >> shift) & 0xff)) <= 40;
                }
                if (near) count++;
            }
        }
        return count;
    }

    @Test
    void theClassifierPlotShowsBothCloudsAndTheBoundary() throws IOException {
        LinearClassifier.Data data = LinearClassifier.twoClouds(1);
        LinearClassifier.Result r = LinearClassifier.train(data, 40, 0.1f, 1, false);
        BufferedImage image = read(LinearClassifier.plot(data, r, dir.resolve("clouds.png")));
        assertTrue(pixelsNear(image, 0x1f77b4) > 2000, "class 0 markers (blue)");
        assertTrue(pixelsNear(image, 0xff7f0e) > 2000, "class 1 markers (orange)");
        assertTrue(pixelsNear(image, 0x000000) > 300, "the boundary line and the axes (black)");
    }

    @Test
    void learningCurvesAndRegressionLinesArePngs() throws IOException {
        History h = KerasLinearClassifier.train(LinearClassifier.twoClouds(1), 10, 0);
        read(Plots.curves(h, "Keras linear classifier", dir.resolve("curves.png")));
        read(Plots.curves(Map.of("mse", List.of(3.0, 2.0, 1.5)), "MSE per step", "step", dir.resolve("mse.png")));
        Path png = dir.resolve("fit.png");
        read(Plots.regression(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}, 2, 1, "y = 2x + 1", png));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary files left");
        }
    }
}
