package dev.jtensor.nn.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.Layer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.Summary;

/** What SummaryWriter writes, read back with TensorFlow Java's generated classes and our own CRC checks. */
class SummaryWriterTest {

    @TempDir
    Path dir;

    private List<Event> writeAndRead(java.util.function.Consumer<SummaryWriter> body) {
        Path file;
        try (SummaryWriter w = SummaryWriter.create(dir)) {
            body.accept(w);
            file = w.file();
        }
        return TensorFlowReader.events(file);
    }

    private static Summary.Value only(Event e) {
        assertEquals(1, e.getSummary().getValueCount());
        return e.getSummary().getValue(0);
    }

    @Test
    void theFileIsNamedAsTensorFlowNamesItAndStartsWithTheVersion() {
        double before = System.currentTimeMillis() / 1000.0;
        List<Event> events = writeAndRead(w -> { });
        List<Path> files = EventFile.find(dir);
        assertEquals(1, files.size());
        String name = files.get(0).getFileName().toString();
        assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), name);
        long seconds = Long.parseLong(name.split("\\.")[3]);
        assertTrue(Math.abs(seconds - before) <= 2, name);
        assertEquals(1, events.size());
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertTrue(Math.abs(events.get(0).getWallTime() - before) < 5, "wall time " + events.get(0).getWallTime());
    }

    @Test
    void aLogdirThatIsAFileIsRefusedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> SummaryWriter.create(file));
        assertEquals("event file directory: cannot write " + file + ": it exists and is not a directory", e.getMessage());
    }

    @Test
    void scalarsAreSimpleValuesWithTheirTagsAndSteps() {
        List<Event> events = writeAndRead(w -> {
            w.scalar("loss", 0.75, 0);
            w.scalar("loss", 0.5, 1);
            w.scalar("lr", 1e-3, 7);
        });
        assertEquals(4, events.size());
        assertEquals(List.of("loss", "loss", "lr"), events.subList(1, 4).stream().map(e -> only(e).getTag()).toList());
        assertEquals(List.of(0L, 1L, 7L), events.subList(1, 4).stream().map(Event::getStep).toList());
        assertEquals(List.of(0.75f, 0.5f, 1e-3f), events.subList(1, 4).stream().map(e -> only(e).getSimpleValue()).toList());
    }

    @Test
    void aHistogramHasTensorFlowsFieldsAndExponentialBuckets() {
        List<Event> events = writeAndRead(w -> w.histogram("w", TF.constant(new float[] {-1, 0, 0.5f, 2, 2}), 3));
        Summary.Value v = only(events.get(1));
        assertEquals("w", v.getTag());
        assertEquals(3, events.get(1).getStep());
        HistogramProto h = v.getHisto();
        assertEquals(-1, h.getMin());
        assertEquals(2, h.getMax());
        assertEquals(5, h.getNum());
        assertEquals(3.5, h.getSum());
        assertEquals(9.25, h.getSumSquares());
        assertEquals(h.getBucketCount(), h.getBucketLimitCount());
        // runs of empty buckets are collapsed: no two empty entries in a row, and the last limit is DBL_MAX
        for (int i = 1; i < h.getBucketCount(); i++) {
            assertTrue(h.getBucket(i) > 0 || h.getBucket(i - 1) > 0, "two empty buckets at " + i);
        }
        assertEquals(Double.MAX_VALUE, h.getBucketLimit(h.getBucketCount() - 1));
        List<Integer> full = java.util.stream.IntStream.range(0, h.getBucketCount()).filter(i -> h.getBucket(i) > 0).boxed().toList();
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0), full.stream().map(h::getBucket).toList());
        // each value lies in [limit / 1.1, limit) for positive limits (limit * 1.1 for negative ones); 0 in [0, 1e-12)
        double neg = h.getBucketLimit(full.get(0)), zero = h.getBucketLimit(full.get(1));
        double half = h.getBucketLimit(full.get(2)), two = h.getBucketLimit(full.get(3));
        assertTrue(neg > -1 && neg * 1.1 <= -1 + 1e-12, "bucket of -1 ends at " + neg);
        assertEquals(1e-12, zero, 1e-24);
        assertTrue(half > 0.5 && half / 1.1 <= 0.5 + 1e-12, "bucket of 0.5 ends at " + half);
        assertTrue(two > 2 && two / 1.1 <= 2 + 1e-12, "bucket of 2 ends at " + two);
        assertEquals(0.0, h.getBucket(full.get(0) - 1));
    }

    @Test
    void anEmptyHistogramIsTensorFlowsAndBadValuesAreRefusedWithItsMessages() {
        List<Event> events = writeAndRead(w -> w.histogram("empty", TF.zeros(0), 0));
        HistogramProto h = only(events.get(1)).getHisto();
        assertEquals(0, h.getNum());
        assertEquals(Double.MAX_VALUE, h.getMin());
        assertEquals(-Double.MAX_VALUE, h.getMax());
        assertEquals(List.of(Double.MAX_VALUE), h.getBucketLimitList());
        assertEquals(List.of(0.0), h.getBucketList());
        try (SummaryWriter w = SummaryWriter.create(dir.resolve("bad"))) {
            assertEquals("Nan in summary histogram for: w", assertThrows(InvalidArgumentException.class,
                    () -> w.histogram("w", TF.constant(new float[] {1, Float.NaN}), 0)).getMessage());
            assertEquals("Infinity in summary histogram for: w", assertThrows(InvalidArgumentException.class,
                    () -> w.histogram("w", TF.constant(new double[] {Double.NEGATIVE_INFINITY}), 0)).getMessage());
            assertEquals("SummaryWriter.histogram: values must be numeric, got bool", assertThrows(
                    InvalidArgumentException.class, () -> w.histogram("w", TF.constant(new boolean[] {true}), 0)).getMessage());
        }
    }

    private static BufferedImage decode(Summary.Image image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
    }

    @Test
    void imagesArePngsOfTheirPixels() throws IOException {
        // a 2x2 RGBA image of int pixels, and a 1x3 gray one of floats in [0, 1]
        Tensor rgba = TF.constant(new int[][][] {{{255, 0, 0, 255}, {0, 255, 0, 128}}, {{0, 0, 255, 0}, {10, 20, 30, 40}}});
        Tensor gray = TF.constant(new float[][][] {{{0f}, {0.5f}, {1f}}});
        List<Event> events = writeAndRead(w -> {
            w.image("rgba", rgba, 1);
            w.image("gray", gray, 2);
        });
        Summary.Value a = only(events.get(1));
        assertEquals("rgba", a.getTag());
        assertEquals(1, events.get(1).getStep());
        assertEquals(2, a.getImage().getHeight());
        assertEquals(2, a.getImage().getWidth());
        assertEquals(4, a.getImage().getColorspace());
        BufferedImage png = decode(a.getImage());
        assertEquals(2, png.getWidth());
        assertEquals(2, png.getHeight());
        int[][] expected = {{0xffff0000, 0x8000ff00}, {0x000000ff, 0x280a141e}};
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(Integer.toHexString(expected[r][c]), Integer.toHexString(png.getRGB(c, r)), "pixel " + r + "," + c);
            }
        }
        Summary.Value g = only(events.get(2));
        assertEquals(1, g.getImage().getColorspace());
        BufferedImage grayPng = decode(g.getImage());
        assertEquals(3, grayPng.getWidth());
        assertEquals(1, grayPng.getHeight());
        // tf.image.convert_image_dtype(saturate=True): trunc(x * 255.5) -> 0, 127, 255
        int[] samples = grayPng.getRaster().getPixels(0, 0, 3, 1, (int[]) null);
        assertArrayEquals(new int[] {0, 127, 255}, samples);
    }

    @Test
    void aBatchOfImagesGivesAtMostMaxOutputsTaggedAsTensorFlowOne() throws IOException {
        Tensor batch = TF.fill(new int[] {4, 2, 3, 3}, 0.25f);
        List<Event> events = writeAndRead(w -> w.image("batch", batch, 0));
        Summary s = events.get(1).getSummary();
        assertEquals(List.of("batch/image/0", "batch/image/1", "batch/image/2"),
                s.getValueList().stream().map(Summary.Value::getTag).toList());
        BufferedImage png = decode(s.getValue(2).getImage());
        assertEquals(3, png.getWidth());
        assertEquals(2, png.getHeight());
        assertEquals(0xff3f3f3f, png.getRGB(1, 1));   // trunc(0.25 * 255.5) = 63
    }

    @Test
    void badImagesAreRefusedNamingTheProblem() {
        try (SummaryWriter w = SummaryWriter.create(dir)) {
            assertEquals("SummaryWriter.image: images must have 1, 3 or 4 channels, got 2 in shape (2, 2, 2)",
                    assertThrows(InvalidArgumentException.class, () -> w.image("x", TF.zeros(2, 2, 2), 0)).getMessage());
            assertEquals("SummaryWriter.image: images must have shape (height, width, channels) or (n, height, width, "
                    + "channels), got (4, 4)", assertThrows(InvalidArgumentException.class, () -> w.image("x", TF.zeros(4, 4), 0)).getMessage());
            assertEquals("SummaryWriter.image: integer pixel values must be in [0, 255], got 256 at flat index 1",
                    assertThrows(InvalidArgumentException.class,
                            () -> w.image("x", TF.constant(new int[][][] {{{0}, {256}}}), 0)).getMessage());
            assertEquals("SummaryWriter.scalar: tag must be a non-empty string, got \"\"",
                    assertThrows(InvalidArgumentException.class, () -> w.scalar("", 1, 0)).getMessage());
        }
    }

    @Test
    void textIsAStringTensorOfTheTextPlugin() {
        List<Event> events = writeAndRead(w -> w.text("notes", "héllo **world**", 4));
        Summary.Value v = only(events.get(1));
        assertEquals("notes", v.getTag());
        assertEquals(4, events.get(1).getStep());
        assertEquals("text", v.getMetadata().getPluginData().getPluginName());
        assertEquals(DataType.DT_STRING, v.getTensor().getDtype());
        assertEquals(0, v.getTensor().getTensorShape().getDimCount());
        assertEquals(List.of("héllo **world**"), v.getTensor().getStringValList().stream().map(b -> b.toStringUtf8()).toList());
    }

    private static Set<String> ops(GraphDef def, String op) {
        return def.getNodeList().stream().filter(n -> n.getOp().equals(op)).map(NodeDef::getName).collect(Collectors.toSet());
    }

    @Test
    void graphsOfAGraphATracedFunctionAndAModelAreGraphDefs() throws IOException {
        Layer.clearSession();
        Sequential model = new Sequential(new InputLayer(3), new Dense(2, "relu"));
        model.call(TF.ones(1, 3));
        Variable w = new Variable(TF.ones(3, 2), "w", true);
        Graph g = new Graph();
        Tensor x = g.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
        try (Scope scope = g.asDefault()) {
            TF.matmul(x, w);
        }
        TracedFunction f = TracedFunction.of(t -> t.mul(2f));
        List<Event> events = writeAndRead(wr -> {
            wr.graph(g);
            wr.graph(f, TF.ones(5));
            wr.graph(model);
        });
        GraphDef plain = GraphDef.parseFrom(events.get(1).getGraphDef());
        assertEquals(Set.of("x"), ops(plain, "Placeholder"));
        assertEquals(Set.of("w"), ops(plain, "VarHandleOp"));
        assertEquals(1, ops(plain, "MatMul").size());
        GraphDef traced = GraphDef.parseFrom(events.get(2).getGraphDef());
        assertEquals(Set.of("input"), ops(traced, "Placeholder"));
        assertEquals(1, ops(traced, "Mul").size());
        GraphDef forward = GraphDef.parseFrom(events.get(3).getGraphDef());
        assertEquals(Set.of("input"), ops(forward, "Placeholder"));
        assertEquals(model.variables().stream().map(Variable::name).collect(Collectors.toSet()), ops(forward, "VarHandleOp"));
        assertEquals(1, ops(forward, "MatMul").size());
        assertTrue(ops(forward, "Relu").iterator().next().startsWith(model.name() + "/"), ops(forward, "Relu").toString());
        assertTrue(events.subList(1, 4).stream().allMatch(e -> e.getWallTime() > 0 && !e.hasSummary()));
    }

    @Test
    void anUnbuiltModelHasNoGraph() {
        Layer.clearSession();
        Sequential model = new Sequential(new Dense(2));
        try (SummaryWriter w = SummaryWriter.create(dir)) {
            assertEquals("SummaryWriter.graph: model \"sequential\" is not built; call it on an input or fit it first",
                    assertThrows(InvalidArgumentException.class, () -> w.graph(model)).getMessage());
        }
    }

    @Test
    void aClosedWriterRefusesCallsAndCloseIsIdempotent() {
        SummaryWriter w = SummaryWriter.create(dir);
        w.close();
        w.close();
        assertEquals("SummaryWriter: " + w.file() + " is closed",
                assertThrows(FailedPreconditionException.class, () -> w.scalar("a", 1, 0)).getMessage());
    }

    @Test
    void twoWritersOfOneSecondGetTwoFiles() {
        try (SummaryWriter a = SummaryWriter.create(dir); SummaryWriter b = SummaryWriter.create(dir)) {
            assertTrue(!a.file().equals(b.file()));
            a.scalar("x", 1, 0);
            b.scalar("x", 2, 0);
        }
        assertEquals(2, EventFile.find(dir).size());
        for (Path f : EventFile.find(dir)) assertEquals(2, TensorFlowReader.events(f).size());
    }

    @Test
    void flushMakesEventsVisibleWhileTheWriterIsOpen() throws IOException {
        try (SummaryWriter w = SummaryWriter.create(dir, 4, java.time.Duration.ofHours(1))) {
            for (int i = 0; i < 20; i++) w.scalar("s", i, i);   // more than the queue holds: callers wait
            w.flush();
            List<Event> events = TensorFlowReader.events(w.file());
            assertEquals(21, events.size());
            assertEquals(19f, only(events.get(20)).getSimpleValue());
            assertTrue(Files.size(w.file()) > 0);
        }
    }
}
