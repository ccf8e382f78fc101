package dev.jtensor.examples;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.tensorboard.EventFile;
import dev.jtensor.nn.tensorboard.ScalarPoint;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts with XChart for the examples: learning curves (from a {@link History}, a TensorBoard
 * event file or any series per step), a two-class scatter plot with a linear classifier's decision boundary, and a regression
 * line through its points. Files are written to a temporary file beside the target and moved over
 * it, so a failed write leaves an older chart intact.
 *
 * {@snippet :
 * Plots.curves(history, "MLP on the digits", Path.of("target/plots/digits.png"));
 * }
 */
public final class Plots {

    /** The size of every chart, in pixels. */
    public static final int WIDTH = 800, HEIGHT = 500;

    private Plots() {
    }

    /** Each metric of {@code history} per epoch, validation ones included. */
    public static Path curves(History history, String title, Path png) {
        return curves(history.history(), title, "epoch", png);
    }

    /** Each scalar tag of a TensorBoard event file against its steps. */
    public static Path curves(EventFile events, String title, Path png) {
        Map<String, XYSeriesData> byTag = new TreeMap<>();
        for (ScalarPoint p : events.scalars()) {
            XYSeriesData d = byTag.computeIfAbsent(p.tag(), t -> new XYSeriesData(new ArrayList<>(), new ArrayList<>()));
            d.steps().add(p.step());
            d.values().add(p.value());
        }
        if (byTag.isEmpty()) throw new InvalidArgumentException("Plots.curves: " + events.file() + " has no scalars");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step").yAxisTitle("value").build();
        byTag.forEach((tag, d) -> chart.addSeries(tag, d.steps(), d.values()).setMarker(SeriesMarkers.NONE));
        return write(chart, png);
    }

    private record XYSeriesData(List<Long> steps, List<Double> values) {
    }

    /** Each named series against its index (epoch or step). */
    public static Path curves(Map<String, List<Double>> series, String title, String xLabel, Path png) {
        if (series.isEmpty()) throw new InvalidArgumentException("Plots.curves: no series to draw");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle("value").build();
        series.forEach((name, values) -> {
            List<Integer> steps = IntStream.range(0, values.size()).boxed().toList();
            chart.addSeries(name, steps, values).setMarker(SeriesMarkers.NONE);
        });
        return write(chart, png);
    }

    /**
     * The points of {@code inputs} {@code (n, 2)} coloured by {@code labels} (0 or 1), and the line
     * {@code x @ w + b = threshold} where a linear classifier's prediction changes class.
     */
    public static Path classifier(Tensor inputs, Tensor labels, double[] w, double b, double threshold, Path png) {
        float[] xy = inputs.toFloatArray();
        float[] y = labels.toFloatArray();
        List<Double> x0 = new ArrayList<>(), y0 = new ArrayList<>(), x1 = new ArrayList<>(), y1 = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            (y[i] > 0.5 ? x1 : x0).add((double) xy[2 * i]);
            (y[i] > 0.5 ? y1 : y0).add((double) xy[2 * i + 1]);
            min = Math.min(min, xy[2 * i]);
            max = Math.max(max, xy[2 * i]);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Linear classifier").xAxisTitle("x1")
                .yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(4);
        chart.addSeries("class 0", x0, y0).setMarkerColor(new Color(31, 119, 180));
        chart.addSeries("class 1", x1, y1).setMarkerColor(new Color(255, 127, 14));
        // w0 x1 + w1 x2 + b = threshold  =>  x2 = (threshold - b - w0 x1) / w1
        List<Double> bx = List.of(min, max);
        List<Double> by = bx.stream().map(v -> (threshold - b - w[0] * v) / w[1]).toList();
        chart.addSeries("decision boundary", bx, by).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line)
                .setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        return write(chart, png);
    }

    /** The points {@code (x, y)} and the fitted line {@code y = slope * x + intercept}. */
    public static Path regression(double[] x, double[] y, double slope, double intercept, String title, Path png) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.addSeries("data", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double lo = java.util.Arrays.stream(x).min().orElse(0), hi = java.util.Arrays.stream(x).max().orElse(1);
        chart.addSeries("fit", new double[] {lo, hi}, new double[] {slope * lo + intercept, slope * hi + intercept})
                .setMarker(SeriesMarkers.NONE);
        return write(chart, png);
    }

    private static Path write(XYChart chart, Path png) {
        try {
            Path dir = png.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
            try {
                BufferedImage image = BitmapEncoder.getBufferedImage(chart);
                if (!ImageIO.write(image, "png", tmp.toFile())) throw new IOException("no PNG writer");
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("Plots: cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
