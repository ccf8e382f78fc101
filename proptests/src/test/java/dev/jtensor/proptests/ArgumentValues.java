package dev.jtensor.proptests;

import dev.jtensor.Index;
import dev.jtensor.Module;
import dev.jtensor.Operand;
import dev.jtensor.Settings;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.GradientDescentOptimizer;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.GraphDefs;
import dev.jtensor.graph.MetaGraph;
import dev.jtensor.graph.MomentumOptimizer;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Optimizer;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.graph.VariableScope;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.MetaGraphDef;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.StopGradient;
import dev.jtensor.ops.VariableHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plausible arguments for any parameter type of the API: a 2x2 float32 tensor where a tensor or any
 * object goes, {@code {1}} for an int array, a lambda (a proxy returning plausible values) for a
 * functional interface, records built from plausible components, and so on. Values are fresh per
 * call; tapes and scopes it opens are closed after the call.
 */
final class ArgumentValues {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jtensor-null-args");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<AutoCloseable> opened = new ArrayList<>();
    private int reals;

    private ArgumentValues() {
    }

    /**
     * Calls {@code member} with null at {@code slot} and plausible values elsewhere, on a plausible
     * receiver if it is an instance method; gives what it threw, or null if it returned.
     */
    static Throwable invokeWithNull(Class<?> owner, Executable member, int slot) throws Exception {
        ArgumentValues values = new ArgumentValues();
        try {
            Type[] types = member.getGenericParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = i == slot ? null : values.of(types[i]);
            }
            boolean instance = member instanceof Method m && !Modifier.isStatic(m.getModifiers());
            Object receiver = instance ? values.of(owner) : null;
            try {
                Object result = member instanceof Method m ? m.invoke(receiver, args)
                        : ((Constructor<?>) member).newInstance(args);
                if (result instanceof AutoCloseable scope) values.opened.add(scope);
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
            }
        } finally {
            for (AutoCloseable c : values.opened.reversed()) c.close();
            Settings.setDevice(Device.CPU); // in case a null device slipped into the process-wide setting
        }
    }

    Object of(Type type) throws Exception {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == Tensor.class || raw == Operand.class || raw == Object.class) return tensor();
        if (raw == Variable.class) return new Variable(tensor());
        if (raw == VariableHandle.class) return new Variable(tensor()).handle();
        if (raw == ApplyUpdate.class) {   // a variable and its one momentum slot
            return new ApplyUpdate(UpdateRule.MOMENTUM, List.of(new Variable(tensor()).handle(), new Variable(tensor()).handle()));
        }
        if (raw == GradientTape.class) return opened(new GradientTape(true, true));
        if (raw == Shape.class) return Shape.of(2, 2);
        if (raw == Device.class) return Device.CPU;
        if (raw == Backend.class) return Backends.cpu();
        if (raw == Index.class) return Index.all();
        if (raw == Primitive.class) return new StopGradient();
        if (raw == FusedProgram.class) return new FusedProgram(1, List.of(new FusedProgram.Unary(UnaryOp.EXP, 0)));
        if (raw == Module.class) return new Module() { };
        if (raw == String.class) return "x";
        if (raw == Path.class) return DIR.resolve("x.npy");
        if (raw == Class.class) return Float.class;
        if (raw == Number.class || raw == Float.class) return 1f;
        if (raw == Double.class) return 1.0;
        if (raw == Integer.class) return 1;
        if (raw == Long.class) return 1L;
        if (raw == Boolean.class) return true;
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) return List.of(of(typeArgument(type, 0)));
        if (raw == Map.class) return Map.of(of(typeArgument(type, 0)), of(typeArgument(type, 1)));
        if (raw == Supplier.class) return (Supplier<Tensor>) ArgumentValues::tensor;
        if (raw == Optional.class) return Optional.empty();
        if (raw == Duration.class) return Duration.ofSeconds(1);
        if (raw == PrintStream.class) return new PrintStream(OutputStream.nullOutputStream());
        if (raw == Graph.class) return new Graph();
        if (raw == Session.class) return new Session(new Graph());
        if (raw == Session.Runner.class) return new Session(new Graph()).runner();
        if (raw == Operation.class) return new Graph().globalVariablesInitializer();
        if (raw == TracedFunction.class) return TracedFunction.of(x -> x);
        if (raw == Optimizer.class || raw == GradientDescentOptimizer.class) return new GradientDescentOptimizer(0.1);
        if (raw == MomentumOptimizer.class) return new MomentumOptimizer(0.1, 0.9);
        if (raw == GraphDef.class) return GraphDefs.export(new Graph());
        if (raw == MetaGraphDef.class) return MetaGraph.export(new Graph(), Map.of());
        if (raw == VariableScope.class) return opened(new Graph().variableScope("x"));
        if (raw == dev.jtensor.nn.callbacks.Callback.class || raw == dev.jtensor.nn.callbacks.History.class) {
            return new dev.jtensor.nn.callbacks.History();
        }
        if (raw == dev.jtensor.nn.callbacks.EarlyStopping.class) return new dev.jtensor.nn.callbacks.EarlyStopping();
        if (raw == dev.jtensor.nn.callbacks.LambdaCallback.class) {
            return dev.jtensor.nn.callbacks.LambdaCallback.onEpochEnd((epoch, logs) -> { });
        }
        if (raw == dev.jtensor.nn.callbacks.LearningRateScheduler.class) {
            return new dev.jtensor.nn.callbacks.LearningRateScheduler((epoch, rate) -> rate);
        }
        if (raw == dev.jtensor.nn.callbacks.ModelCheckpoint.class) {
            return new dev.jtensor.nn.callbacks.ModelCheckpoint(DIR.resolve("ckpt.safetensors").toString());
        }
        if (raw == dev.jtensor.nn.callbacks.TensorBoard.class) return new dev.jtensor.nn.callbacks.TensorBoard(DIR.resolve("tb"));
        if (raw == dev.jtensor.nn.metrics.AUC.class) return new dev.jtensor.nn.metrics.AUC();
        if (raw == dev.jtensor.nn.metrics.Mean.class) return new dev.jtensor.nn.metrics.Mean();
        // a metric of labels and predictions: Mean's update(Operand, Operand) is (values, sampleWeight)
        if (raw == dev.jtensor.nn.metrics.Metric.class) return new dev.jtensor.nn.metrics.BinaryAccuracy();
        if (raw == dev.jtensor.nn.metrics.MeanMetricWrapper.class) {
            return new dev.jtensor.nn.metrics.MeanMetricWrapper("m", (yTrue, yPred) -> yPred);
        }
        if (raw == dev.jtensor.nn.optimizers.Optimizer.class) return new dev.jtensor.nn.optimizers.SGD(0.1);
        if (raw == dev.jtensor.nn.optimizers.Optimizer.Builder.class) return dev.jtensor.nn.optimizers.SGD.builder();
        if (raw == dev.jtensor.nn.optimizers.schedules.PiecewiseConstantDecay.class) {   // one more value than boundaries
            return new dev.jtensor.nn.optimizers.schedules.PiecewiseConstantDecay(new long[] {10}, new double[] {0.1, 0.01});
        }
        if (raw == dev.jtensor.nn.losses.Loss.class) return new dev.jtensor.nn.losses.MeanSquaredError();
        // (x, y) elements, as Model.fit and evaluate take them
        if (raw == dev.jtensor.nn.data.Dataset.class) return dev.jtensor.nn.data.Dataset.fromTensorSlices(tensor(), tensor());
        if (raw == dev.jtensor.nn.distribute.MirroredStrategy.class) return new dev.jtensor.nn.distribute.MirroredStrategy(2);
        if (raw == dev.jtensor.nn.distribute.ReplicaStep.class) return replicaStep();
        if (raw == dev.jtensor.nn.Model.class || raw == dev.jtensor.nn.Sequential.class) return model();
        if (raw == dev.jtensor.nn.FitOptions.class) return dev.jtensor.nn.FitOptions.defaults().verbose(0);
        if (raw == dev.jtensor.nn.Progbar.class) return new dev.jtensor.nn.Progbar(1, 0, new PrintStream(OutputStream.nullOutputStream()));
        if (raw == dev.jtensor.nn.layers.KerasTensor.class) return dev.jtensor.nn.layers.Input.of(2);
        if (raw == dev.jtensor.nn.layers.Layer.class || raw == dev.jtensor.nn.layers.KernelLayer.class) {
            return new dev.jtensor.nn.layers.Dense(2);
        }
        if (raw == dev.jtensor.nn.layers.Conv2D.class) return new dev.jtensor.nn.layers.Conv2D(1, 1);
        if (raw == dev.jtensor.nn.layers.Embedding.class) return new dev.jtensor.nn.layers.Embedding(2, 2);
        if (raw == dev.jtensor.nn.layers.Pooling2D.class) return new dev.jtensor.nn.layers.MaxPooling2D(2);
        if (raw == dev.jtensor.nn.checkpoint.Checkpoint.class) {
            return dev.jtensor.nn.checkpoint.Checkpoint.of(model(), new dev.jtensor.nn.optimizers.SGD(0.1));
        }
        if (raw == dev.jtensor.nn.checkpoint.Saver.class) return new dev.jtensor.nn.checkpoint.Saver(new Graph());
        if (raw == dev.jtensor.nn.tensorboard.SummaryWriter.class) {
            return opened(dev.jtensor.nn.tensorboard.SummaryWriter.create(DIR.resolve("tb")));
        }
        if (raw == dev.jtensor.nn.tensorboard.proto.Event.class) {
            return dev.jtensor.nn.tensorboard.proto.Event.newBuilder().setWallTime(1).setStep(1).build();
        }
        if (raw == dev.jtensor.spark.ModelFactory.class) return (dev.jtensor.spark.ModelFactory) ArgumentValues::model;
        if (raw == dev.jtensor.spark.SparkTrainer.class) return new dev.jtensor.spark.SparkTrainer(ArgumentValues::model);
        if (raw == org.apache.spark.sql.Dataset.class) return spark().range(1).toDF();
        if (raw.isPrimitive()) return primitive(raw);
        if (raw.isArray()) return arrayOf(raw.getComponentType());
        if (raw.isEnum()) return raw.getEnumConstants()[0];
        if (raw.isRecord()) return record(raw);
        if (raw.isInterface()) return lambda(raw);
        throw new IllegalStateException("NullArgumentsTest: no plausible value for " + type + "; add one to ArgumentValues");
    }

    /** The {@code i}th type argument of a generic type (a wildcard's bound), or Object. */
    private static Type typeArgument(Type type, int i) {
        if (!(type instanceof ParameterizedType p)) return Object.class;
        Type arg = p.getActualTypeArguments()[i];
        return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }

    /** The replica step of a built, compiled 2-2 Dense model, with one part computed (so its layout is known). */
    private static dev.jtensor.nn.distribute.ReplicaStep replicaStep() {
        var model = new dev.jtensor.nn.Sequential(new dev.jtensor.nn.layers.InputLayer(2), new dev.jtensor.nn.layers.Dense(2));
        model.compile(new dev.jtensor.nn.optimizers.SGD(0.1), new dev.jtensor.nn.losses.MeanSquaredError());
        model.callAll(List.of(tensor()), false);
        var step = dev.jtensor.nn.distribute.ReplicaStep.of(model);
        step.compute(List.of(tensor()), List.of(tensor()), 2);
        return step;
    }

    /** A built 2-2 Dense model, compiled with SGD and mean squared error. */
    private static dev.jtensor.nn.Model model() {
        var model = new dev.jtensor.nn.Sequential(new dev.jtensor.nn.layers.InputLayer(2), new dev.jtensor.nn.layers.Dense(2));
        model.compile(new dev.jtensor.nn.optimizers.SGD(0.1), new dev.jtensor.nn.losses.MeanSquaredError());
        model.callAll(List.of(tensor()), false);
        return model;
    }

    private static org.apache.spark.sql.SparkSession spark;

    /** One local Spark session for the run, started on first use (only spark's fit over a DataFrame needs one). */
    private static synchronized org.apache.spark.sql.SparkSession spark() {
        if (spark == null) {
            spark = org.apache.spark.sql.SparkSession.builder().master("local[1]").appName("NullArgumentsTest")
                    .config("spark.ui.enabled", "false").getOrCreate();
        }
        return spark;
    }

    private static Tensor tensor() {
        return TF.constant(new float[][] {{1, 2}, {3, 4}});
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    private Object arrayOf(Class<?> component) throws Exception {
        Object array = Array.newInstance(component, 1);
        Array.set(array, 0, component == int.class ? 1 : of(component));
        return array;
    }

    /** Counting floating-point values (0, 1, 2, ...), so that a range's bounds are in order. */
    private Object primitive(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 1;
        if (type == long.class) return 1L;
        if (type == float.class) return (float) reals++;
        if (type == double.class) return (double) reals++;
        throw new IllegalStateException("no value for " + type);
    }

    private Object record(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = components[i].getType();
            args[i] = of(components[i].getGenericType());
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    /** An implementation whose abstract methods return plausible values and whose default methods run. */
    private Object lambda(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + " lambda";
                };
            }
            if (method.isDefault()) return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            return method.getReturnType() == void.class ? null : of(method.getGenericReturnType());
        });
    }
}
