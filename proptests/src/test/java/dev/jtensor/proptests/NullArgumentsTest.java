package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.ops.Dispatch;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public constructor and method of the API packages ({@code dev.jtensor}, {@code dev.jtensor.ops},
 * {@code dev.jtensor.autodiff}, {@code dev.jtensor.graph}, every package of nn ({@code dev.jtensor.nn} and its
 * {@code .layers}, {@code .losses}, {@code .metrics}, {@code .optimizers} and {@code .schedules}, {@code .callbacks},
 * {@code .checkpoint}, {@code .tensorboard}, {@code .data}, {@code .distribute}, {@code .initializers},
 * {@code .regularizers}) and {@code dev.jtensor.spark}), called with null in each reference-typed parameter and plausible
 * values ({@link ArgumentValues}) elsewhere, must throw an {@link InvalidArgumentException} whose
 * message says "null" and names the parameter, the method or the op: never a bare
 * NullPointerException from jtensor's insides, nor a silent success that fails later.
 *
 * <p>Parameters that accept null by contract are listed in {@link #NULLABLE} with the Javadoc that
 * says so; they are still called with null and must not fail with a bare runtime exception.
 *
 * <p>Not covered: the protobuf classes generated into {@code dev.jtensor.graph.proto} and
 * {@code dev.jtensor.nn.tensorboard.proto} (protoc's code, whose builders throw NullPointerException by
 * their own contract); and not yet {@code dev.jtensor.accel}, whose Device, Backend, Backends and Kernels
 * are API for backends (ARCHITECTURE.md) while the rest of the package is not.
 */
class NullArgumentsTest {

    static final List<String> PACKAGES = List.of("dev.jtensor", "dev.jtensor.ops", "dev.jtensor.autodiff",
            "dev.jtensor.graph", "dev.jtensor.nn", "dev.jtensor.nn.layers", "dev.jtensor.nn.losses", "dev.jtensor.nn.metrics",
            "dev.jtensor.nn.optimizers", "dev.jtensor.nn.optimizers.schedules", "dev.jtensor.nn.callbacks",
            "dev.jtensor.nn.checkpoint", "dev.jtensor.nn.tensorboard", "dev.jtensor.nn.data", "dev.jtensor.nn.distribute",
            "dev.jtensor.nn.initializers", "dev.jtensor.nn.regularizers", "dev.jtensor.spark");

    /**
     * {@code Class.member#parameter} (a {@code *} ends a prefix) to the documented reason it may be null.
     */
    static final Map<String, String> NULLABLE = Map.ofEntries(
            Map.entry("TF.constant#dtype", "\"dtype may be null to keep the value's\""),
            Map.entry("TF.constant#shape", "\"shape null keeps the value's\", TF's shape=None"),
            Map.entry("TF.random*#seed", "\"@param seed op seed, or null\""),
            Map.entry("TF.truncatedNormal#seed", "\"seeds as for randomNormal\""),
            Map.entry("TF.reduce*#axes", "\"all when none, or null, are given\", TF's axis=None"),
            Map.entry("Operand.reduce*#axes", "as TF.reduce*"),
            Map.entry("TF.squeeze#axes", "\"all of them when none, or null, are given\""),
            Map.entry("Operand.squeeze#axes", "as TF.squeeze"),
            Map.entry("TF.transpose#perm", "\"perm empty or null: reverses them\""),
            Map.entry("Operand.transpose#perm", "as TF.transpose"),
            Map.entry("Shape.isCompatibleWith#other", "\"nor with null (false, as equals)\""),
            Map.entry("TF.listPhysicalDevices#deviceType", "\"null for all\", as tf.config.list_physical_devices()"),
            Map.entry("Variable.<init>#name", "\"the given name (null for a generated one)\""),
            Map.entry("Index$Range.<init>#start", "\"null bounds mean from the start\""),
            Map.entry("Index$Range.<init>#stop", "\"null bounds mean to the end\""),
            Map.entry("RandomDraw.<init>#seed", "the op seed of TF.randomNormal, null for none"),
            Map.entry("VariableHandle.<init>#initial", "\"initial may be null for a variable that a graph initialises later\""),
            Map.entry("GradientTape.gradient#outputGradient", "\"null for ones\", TF's output_gradients=None"),
            Map.entry("Dispatch.createVariable#name", "\"the requested name, or null for a generated one\""),
            Map.entry("Graph.placeholder#name", "\"a name (made unique; null for Placeholder)\""),
            Map.entry("Gradients.gradients#gradYs", "\"A null gradYs ... stands for ones\", TF's grad_ys=None"),
            Map.entry("GradientAndVariable.<init>#gradient", "\"null if the loss does not depend on the variable\""),
            Map.entry("Initializer.glorotUniform#seed", "\"@param seed the op seed, or null for none\""),
            Map.entry("Dispatch.withBuffers#buffers", "\"{@code null} for fresh buffers and plain reads\""),
            Map.entry("Dispatch.openLevel#hook", "\"installs hook (may be null)\": a level with no hook of its own"),
            Map.entry("OpHook.*#*", "the default methods ignore their arguments: a hook overrides what it needs"),
            Map.entry("MirroredStrategy$StepResult.<init>#predictions", "\"for a single-output model, its predictions\": null otherwise"),
            Map.entry("ReplicaStep$Part.<init>#predictions", "\"(single-output models; null otherwise)\""),
            Map.entry("Initializers.random*#seed", "\"{@code seed} may be null\" (Keras's seed=None)"),
            Map.entry("Loss.call#sampleWeight", "\"@param sampleWeight per-sample weights, or null for none\""),
            Map.entry("LambdaCallback.<init>#*", "\"A callback calling the given functions (each may be null)\""),
            // nn
            Map.entry("Activations.get#name", "\"(case-insensitive; null means linear)\", Keras's activations.get(None)"),
            Map.entry("Model.fit#options", "\"{@code options} may be null: Keras's defaults\""),
            Map.entry("FitOptions.strategy#strategy", "\"null for one replica on the calling thread (the default)\""),
            Map.entry("Progbar.*#values", "\"{@code values} may be null: no metrics\", Keras's values=None"),
            // nn.layers
            Map.entry("Activation.<init>#name", "\"{@code name} may be null: linear\", Keras's activation=None"),
            Map.entry("Dense.<init>#activation", "\"{@code activation} may be null: linear\""),
            Map.entry("KernelLayer.activation#name", "\"{@code name} may be null: linear (Keras's None)\""),
            Map.entry("KernelLayer.*Regularizer#r", "\"{@code r} may be null: none (the default\""),
            Map.entry("Input.of#name", "\"{@code name} may be null: Keras's {@code input_layer}, ...\""),
            Map.entry("KerasTensor.<init>#layer", "\"{@code layer} may be null: a model input\""),
            // nn.metrics
            Map.entry("AUC.update#sampleWeight", "Metric.update: \"@param sampleWeight per-sample weights, or null for none\""),
            Map.entry("MeanMetricWrapper.update#sampleWeight", "as Metric.update"),
            Map.entry("Mean.update#sampleWeight", "\"@param sampleWeight the weights, or null for none\""),
            // nn.callbacks: Callback's "{@code logs} may be null, as Keras's {@code logs=None}: jtensor's callbacks read it as no metrics"
            Map.entry("Callback.on*#logs", "\"{@code logs} may be null: no metrics\", Keras's logs=None"),
            Map.entry("EarlyStopping.on*#logs", "as Callback"),
            Map.entry("History.on*#logs", "as Callback"),
            Map.entry("LambdaCallback.on*#logs", "as Callback: \"null logs reach the functions as an empty map\""),
            Map.entry("LearningRateScheduler.on*#logs", "as Callback"),
            Map.entry("ModelCheckpoint.on*#logs", "as Callback"),
            Map.entry("TensorBoard.on*#logs", "as Callback"),
            // nn.checkpoint
            Map.entry("Checkpoint.of#optimizer", "\"{@code optimizer} may be null: the model alone\""));

    static boolean listed(Map<String, String> list, String key) {
        return list.keySet().stream().anyMatch(pattern -> key.matches(Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote).collect(Collectors.joining(".*"))));
    }

    /** Members not held to the rule, with the reason. */
    static boolean exempt(Class<?> owner, Executable member) {
        // an exception's message and cause may be null (Throwable's contract), and building one must never throw
        if (Throwable.class.isAssignableFrom(owner)) return true;
        // the compiler's Enum.valueOf: the JDK's own "Name is null" NullPointerException
        if (owner.isEnum() && member.getName().equals("valueOf")) return true;
        // Primitive.compute's documented precondition is "inputs that passed infer", which Dispatch.apply
        // guarantees (nulls included); infer is where a primitive checks what it is given
        if (dev.jtensor.ops.Primitive.class.isAssignableFrom(owner) && member.getName().equals("compute")) return true;
        // Mean.update(yTrue, yPred, sampleWeight) refuses every call, whatever its arguments, naming the overload to
        // call instead (a Mean takes values: update(values, sampleWeight), which is checked)
        if (owner == dev.jtensor.nn.metrics.Mean.class && member.getName().equals("update") && member.getParameterCount() == 3) {
            return true;
        }
        // Object's methods: equals(null) is false by contract
        return member instanceof Method m && m.getName().equals("equals") && m.getParameterCount() == 1;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceParameterRejectsNull() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> owner : ApiClasses.scan(PACKAGES)) {
            for (Executable member : ApiClasses.publicMembers(owner)) {
                if (exempt(owner, member)) continue;
                Parameter[] params = member.getParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].getType().isPrimitive()) continue;
                    int slot = i;
                    String key = ApiClasses.simpleName(owner) + "." + ApiClasses.name(member) + "#" + params[i].getName();
                    tests.add(DynamicTest.dynamicTest(key + " = null", () -> check(owner, member, slot, key)));
                }
            }
        }
        return tests.stream();
    }

    /** The scan must see the API: a broken scan would pass vacuously. */
    @Test
    void scanFindsTheApi() {
        List<Class<?>> classes = ApiClasses.scan(PACKAGES);
        for (Class<?> c : List.of(TF.class, GradientTape.class, Dispatch.class, dev.jtensor.ops.Binary.class,
                dev.jtensor.Index.Range.class, dev.jtensor.graph.Graph.class, dev.jtensor.graph.Session.Runner.class,
                dev.jtensor.nn.distribute.MirroredStrategy.class, dev.jtensor.nn.distribute.ReplicaStep.class,
                dev.jtensor.nn.Model.class, dev.jtensor.nn.layers.Dense.class, dev.jtensor.nn.metrics.AUC.class,
                dev.jtensor.nn.callbacks.EarlyStopping.class, dev.jtensor.nn.checkpoint.Checkpoint.class,
                dev.jtensor.nn.tensorboard.SummaryWriter.class, dev.jtensor.spark.SparkTrainer.class)) {
            assertTrue(classes.contains(c), c + " missing from " + classes);
        }
        assertTrue(classes.stream().noneMatch(c -> c.getPackageName().startsWith("dev.jtensor.internal")));
        assertTrue(List.of(ApiClasses.parameterNames("gradient", GradientTape.class)).contains("target"),
                "parameter names need javac -parameters (set in the parent pom)");
    }

    /** Every NULLABLE entry names parameters the scan finds: a renamed one must not leave a stale exemption. */
    @Test
    void everyNullableEntryIsUsed() {
        List<String> keys = new ArrayList<>();
        for (Class<?> owner : ApiClasses.scan(PACKAGES)) {
            for (Executable member : ApiClasses.publicMembers(owner)) {
                for (Parameter p : member.getParameters()) {
                    keys.add(ApiClasses.simpleName(owner) + "." + ApiClasses.name(member) + "#" + p.getName());
                }
            }
        }
        List<String> unused = NULLABLE.keySet().stream().sorted()
                .filter(entry -> keys.stream().noneMatch(key -> listed(Map.of(entry, ""), key))).toList();
        assertTrue(unused.isEmpty(), "NULLABLE entries that match no parameter: " + unused);
    }

    private static void check(Class<?> owner, Executable member, int slot, String key) throws Exception {
        Throwable thrown = ArgumentValues.invokeWithNull(owner, member, slot);
        if (thrown != null && !(thrown instanceof RuntimeException)) {
            throw new AssertionError(key + ": a checked " + thrown, thrown);
        }
        String problem = problem(owner, member, key, (RuntimeException) thrown);
        if (problem != null) {
            throw new AssertionError(key + ": " + problem, thrown);
        }
    }

    /** What is wrong with how {@code member} met a null, or null if nothing is. */
    private static String problem(Class<?> owner, Executable member, String key, RuntimeException thrown) {
        boolean nullable = listed(NULLABLE, key);
        if (thrown == null) {
            return nullable ? null : "null was accepted silently; reject it, or document it and list it in NULLABLE";
        }
        if (thrown instanceof NullPointerException || thrown instanceof IndexOutOfBoundsException
                || thrown instanceof ClassCastException) {
            return "a bare " + thrown.getClass().getSimpleName();
        }
        if (nullable) return null; // a documented null may still be refused for another reason, in words
        if (!(thrown instanceof InvalidArgumentException)) return "expected InvalidArgumentException, got " + thrown;
        String message = String.valueOf(thrown.getMessage());
        String parameter = key.substring(key.indexOf('#') + 1);
        String method = member instanceof Method ? member.getName() : owner.getSimpleName();
        if (!message.contains("null")) return "the message does not say null: " + message;
        if (!message.contains(parameter) && !message.contains(method) && !message.contains("[Op:")) {
            return "the message names neither the parameter, the method nor the op: " + message;
        }
        return null;
    }
}
