package dev.jtensor.nn.tensorboard;

import com.google.protobuf.ByteString;
import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.GraphDefs;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.internal.io.FileErrors;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.tensorboard.proto.DataType;
import dev.jtensor.nn.tensorboard.proto.Event;
import dev.jtensor.nn.tensorboard.proto.SourceMetadata;
import dev.jtensor.nn.tensorboard.proto.Summary;
import dev.jtensor.nn.tensorboard.proto.SummaryMetadata;
import dev.jtensor.nn.tensorboard.proto.TensorProto;
import dev.jtensor.nn.tensorboard.proto.TensorShapeProto;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes TensorBoard event files ({@code tf.summary.create_file_writer}): scalars, histograms,
 * images, text and graphs, as {@code Event} protobufs in TFRecord framing, in a file
 * {@code events.out.tfevents.<unix seconds, 10 digits>.<host>} of {@code logdir}. A thread of the
 * writer's own does the file work, fed through a bounded queue (a call waits while it is full);
 * it flushes and syncs every {@code flushPeriod} (TensorFlow's 120 s by default), on
 * {@link #flush()} and on {@link #close()}. A failure of that thread is thrown, naming the file, by
 * the next call or by {@code close}.
 *
 * {@snippet :
 * try (SummaryWriter writer = SummaryWriter.create(Path.of("logs/run1"))) {
 *     for (int step = 0; step < 100; step++) {
 *         writer.scalar("loss", loss(step), step);
 *     }
 *     writer.histogram("weights", w, 100);
 *     writer.image("sample", TF.randomUniform(new int[] {28, 28, 1}), 100);   // floats in [0, 1]
 *     writer.text("notes", "learning rate **0.01**", 0);                      // Markdown
 *     writer.graph(GraphDefs.export(graph));
 * }
 * // tensorboard --logdir logs
 * }
 *
 * <p><b>Formats.</b> The first event holds {@code file_version = "brain.Event:2"}. Scalars are
 * {@code simple_value}s (float32, as every TensorBoard reads them and as {@code tf.summary.scalar}
 * rounds them); histograms are {@code HistogramProto}s with TensorFlow's default exponential
 * buckets ({@code tf.compat.v1.summary.histogram}; TensorFlow 2's {@code tf.summary.histogram}
 * writes 30 equal buckets as a tensor instead, and TensorBoard shows both alike); images are PNG
 * {@code Summary.Image}s; text is a string tensor with the text plugin's metadata
 * ({@code tf.summary.text}); a graph is the {@code graph_def} bytes of an event. Each summary event
 * carries the wall time of the call and the step given.
 *
 * <p>Calls are thread-safe; events from several threads keep each thread's order.
 */
public final class SummaryWriter implements AutoCloseable {

    /** The queue's default capacity, in events. */
    public static final int DEFAULT_MAX_QUEUE = 1024;
    /** TensorFlow's default period between flushes. */
    public static final Duration DEFAULT_FLUSH_PERIOD = Duration.ofSeconds(120);

    private final EventFileWriter events;

    private SummaryWriter(EventFileWriter events) {
        this.events = events;
    }

    /**
     * A writer of a new event file in {@code logdir}, created with its parents if missing.
     *
     * @throws java.io.UncheckedIOException if the directory or the file cannot be created, naming it
     */
    public static SummaryWriter create(Path logdir) {
        return create(logdir, DEFAULT_MAX_QUEUE, DEFAULT_FLUSH_PERIOD);
    }

    /**
     * {@link #create(Path)} with a queue of {@code maxQueue} events and a flush every {@code flushPeriod}.
     *
     * @throws InvalidArgumentException if {@code logdir} or {@code flushPeriod} is null, or either bound is not positive
     */
    public static SummaryWriter create(Path logdir, int maxQueue, Duration flushPeriod) {
        if (logdir == null || flushPeriod == null || maxQueue <= 0 || flushPeriod.isNegative() || flushPeriod.isZero()) {
            throw new InvalidArgumentException("SummaryWriter.create: logdir and flushPeriod must be set, maxQueue and "
                    + "flushPeriod positive, got " + logdir + ", " + maxQueue + ", " + flushPeriod);
        }
        String base = EventFileNames.name(System.currentTimeMillis() / 1000);
        try {
            Files.createDirectories(logdir);
        } catch (IOException e) {
            throw FileErrors.writing("event file directory", logdir, e);
        }
        for (int attempt = 0; ; attempt++) {
            Path file = logdir.resolve(attempt == 0 ? base : base + "." + attempt);
            try {
                SummaryWriter writer = new SummaryWriter(EventFileWriter.open(file, maxQueue, flushPeriod));
                writer.events.write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2")
                        .setSourceMetadata(SourceMetadata.newBuilder().setWriter("dev.jtensor.nn.tensorboard"))
                        .build().toByteArray());
                writer.events.flush();
                return writer;
            } catch (FileAlreadyExistsException e) {
                // another writer of this second and host: take the next suffix
            } catch (IOException e) {
                throw FileErrors.writing("event file", file, e);
            }
        }
    }

    /** The event file being written. */
    public Path file() {
        return events.file();
    }

    /** Writes {@code value} (rounded to float32) under {@code tag} at {@code step} ({@code tf.summary.scalar}). */
    public void scalar(String tag, double value, long step) {
        summary(step, value(tag, "scalar").setSimpleValue((float) value));
    }

    /**
     * Writes the histogram of {@code values} (any shape, any numeric dtype) under {@code tag} at
     * {@code step}, with TensorFlow's default exponential buckets (see the class comment).
     *
     * @throws InvalidArgumentException if the values are symbolic, boolean, NaN or infinite (TensorFlow's messages)
     */
    public void histogram(String tag, Operand values, long step) {
        Summary.Value.Builder v = value(tag, "histogram");
        Tensor t = concrete(values, "histogram", "values");
        if (t.dtype() == DType.BOOL) {
            throw new InvalidArgumentException("SummaryWriter.histogram: values must be numeric, got bool");
        }
        summary(step, v.setHisto(Histograms.of(tag, t.toDoubleArray())));
    }

    /** {@link #image(String, Operand, long, int)} of at most 3 images ({@code max_outputs}'s default). */
    public void image(String tag, Operand images, long step) {
        image(tag, images, step, 3);
    }

    /**
     * Writes images as PNG at {@code step}: one image of shape (height, width, channels) under
     * {@code tag}, or the first {@code maxOutputs} of a batch of shape (n, height, width, channels)
     * under {@code tag/image/0}, {@code tag/image/1}, ... (TensorFlow 1's names). Channels are 1, 3
     * or 4 (gray, RGB, RGBA); floating-point values are in [0, 1], integers in [0, 255].
     *
     * @throws InvalidArgumentException for another shape, dtype or integer range, or {@code maxOutputs < 1}
     */
    public void image(String tag, Operand images, long step, int maxOutputs) {
        value(tag, "image");
        if (maxOutputs < 1) {
            throw new InvalidArgumentException("SummaryWriter.image: maxOutputs must be positive, got " + maxOutputs);
        }
        Tensor t = concrete(images, "image", "images");
        var pngs = PngImages.encode(t, t.rank() == 3 ? 1 : maxOutputs);
        Summary.Builder summary = Summary.newBuilder();
        for (int i = 0; i < pngs.size(); i++) {
            PngImages.Png png = pngs.get(i);
            summary.addValue(Summary.Value.newBuilder().setTag(t.rank() == 3 ? tag : tag + "/image/" + i)
                    .setImage(Summary.Image.newBuilder().setHeight(png.height()).setWidth(png.width())
                            .setColorspace(png.channels()).setEncodedImageString(ByteString.copyFrom(png.bytes()))));
        }
        write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary));
    }

    /** Writes {@code text} (shown as Markdown) under {@code tag} at {@code step} ({@code tf.summary.text}). */
    public void text(String tag, String text, long step) {
        Summary.Value.Builder v = value(tag, "text");
        if (text == null) throw new InvalidArgumentException("SummaryWriter.text: text is null");
        v.setMetadata(SummaryMetadata.newBuilder().setPluginData(
                SummaryMetadata.PluginData.newBuilder().setPluginName(TEXT_PLUGIN)))
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(TensorShapeProto.getDefaultInstance()).addStringVal(ByteString.copyFromUtf8(text)));
        summary(step, v);
    }

    /** The name of TensorBoard's text plugin, in a text summary's metadata. */
    static final String TEXT_PLUGIN = "text";

    /** Writes {@code graph} for TensorBoard's graph view ({@code tf.summary.graph}). */
    public void graph(GraphDef graph) {
        if (graph == null) throw new InvalidArgumentException("SummaryWriter.graph: graph is null");
        write(Event.newBuilder().setWallTime(now()).setGraphDef(graph.toByteString()));
    }

    /**
     * Writes {@code graph}'s GraphDef, the eager variables it uses captured
     * ({@link GraphDefs#exportCapturing}).
     *
     * @throws dev.jtensor.graph.GraphDefException if an operation has no GraphDef form (a traced-function call)
     */
    public void graph(Graph graph) {
        if (graph == null) throw new InvalidArgumentException("SummaryWriter.graph: graph is null");
        graph(GraphDefs.exportCapturing(graph));
    }

    /** Writes the graph of {@code function}'s trace for the signature of {@code inputs} ({@link GraphDefs#export(TracedFunction, Operand...)}). */
    public void graph(TracedFunction function, Operand... inputs) {
        graph(GraphDefs.export(function, inputs));
    }

    /**
     * Writes the graph of {@code model}'s forward pass in inference mode on a float32 input of the
     * shape it was built for (the batch dimension unknown), its weights as captured variables.
     *
     * @throws InvalidArgumentException if the model is not built
     * @throws dev.jtensor.graph.GraphDefException if one of its ops has no GraphDef form
     */
    public void graph(Model model) {
        graph(model, DType.FLOAT32);
    }

    /** {@link #graph(Model)} with an input of {@code inputDtype} (int32 for a model that starts with an Embedding). */
    public void graph(Model model, DType inputDtype) {
        graph(ModelGraphs.forward(model, inputDtype));
    }

    /** Writes {@code event} as it is (its wall time and step included). */
    public void write(Event event) {
        if (event == null) throw new InvalidArgumentException("SummaryWriter.write: event is null");
        events.write(event.toByteArray());
    }

    /** Writes everything so far to the file and syncs it; throws the writer thread's failure, if any. */
    public void flush() {
        events.flush();
    }

    /** Flushes and closes the file; later calls are a {@code FailedPreconditionException}. Idempotent. */
    @Override
    public void close() {
        events.close();
    }

    private static Summary.Value.Builder value(String tag, String method) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidArgumentException("SummaryWriter." + method + ": tag must be a non-empty string, got "
                    + (tag == null ? "null" : "\"\""));
        }
        return Summary.Value.newBuilder().setTag(tag);
    }

    private static Tensor concrete(Operand values, String method, String argument) {
        if (values == null) throw new InvalidArgumentException("SummaryWriter." + method + ": " + argument + " is null");
        Tensor t = values.asTensor();
        if (t.isSymbolic()) {
            throw new InvalidArgumentException("SummaryWriter." + method + ": " + argument + " is symbolic (" + t
                    + "); write the value a session or traced call gave");
        }
        return t;
    }

    private void summary(long step, Summary.Value.Builder value) {
        write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(Summary.newBuilder().addValue(value)));
    }

    private void write(Event.Builder event) {
        events.write(event.build().toByteArray());
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
