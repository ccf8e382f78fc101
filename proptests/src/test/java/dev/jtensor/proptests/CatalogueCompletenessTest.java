package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.Primitive;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Example;

/**
 * 4. Keeps a new op from skipping gradient checking: every primitive, every {@code UnaryOp},
 * {@code BinaryOp} and {@code ReduceOp} constant, every static method of {@code TF} that takes a
 * tensor and returns one (or a list), and every such method of {@code Operand}, must be exercised
 * by some spec of {@link GradientSpecs} (checked by running each spec on a few cases and
 * recording what is dispatched, see {@link OpCoverage}) or be listed below as not differentiable.
 */
class CatalogueCompletenessTest {

    /** Ops with no gradient to check, each with the reason. Keep it short. */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of(
            // integer indices out: argMax/argMin
            "ArgReduce", "TF.argMax(Operand)", "TF.argMax(Operand, int)", "TF.argMin(Operand)",
            "TF.argMin(Operand, int)",
            // bool out; equality through where is piecewise constant with jumps exactly at ties, where finite
            // differences cannot look (the order comparisons are covered through where)
            "BinaryOp.EQUAL", "BinaryOp.NOT_EQUAL", "TF.equal(Operand, Operand)", "TF.notEqual(Operand, Operand)",
            "Operand.equal(Operand)", "Operand.equal(double)", "Operand.notEqual(Operand)", "TF.isFinite(Operand)",
            // bool in and out
            "UnaryOp.LOGICAL_NOT", "BinaryOp.LOGICAL_AND", "BinaryOp.LOGICAL_OR", "ReduceOp.ALL", "ReduceOp.ANY",
            "TF.logicalNot(Operand)", "TF.logicalAnd(Operand, Operand)", "TF.logicalOr(Operand, Operand)",
            "TF.reduceAll(Operand, int[])", "TF.reduceAll(Operand, int[], boolean)", "TF.reduceAny(Operand, int[])",
            "TF.reduceAny(Operand, int[], boolean)",
            // integer-only: reached from the public API only by the mean of an integer tensor
            "BinaryOp.TRUNCATE_DIV",
            // creation: the value does not depend on the argument's values (indices, or only its shape)
            "TF.oneHot(Operand, int)", "TF.oneHot(Operand, int, double, double, int, DType)",
            "TF.zerosLike(Operand)", "TF.onesLike(Operand)", "TF.shape(Operand)",
            // state and randomness: reads and draws take no tensor input, updates are not differentiable
            "ReadVariable", "RandomDraw", "AssignVariable", "ApplyGradientDescent", "ApplyUpdate",
            // sizes out, values never read
            "ShapeOf",
            // not an op
            "Operand.asTensor()");

    /** Cases drawn per spec: enough for every spec to dispatch all the primitives it can. */
    private static final int SAMPLES = 20;

    @Example
    void everyOpHasASpecOrIsListedAsNotDifferentiable() {
        OpCoverage coverage = new OpCoverage();
        Random random = new Random(20240501);
        for (GradientSpec<?> spec : GradientSpecs.all()) {
            var generator = spec.cases().generator(1000);
            for (int i = 0; i < SAMPLES; i++) {
                Case c = generator.next(random).value();
                coverage.record(c::output);
            }
        }
        Set<String> missing = new TreeSet<>(required());
        missing.removeAll(coverage.seen());
        missing.removeAll(NOT_DIFFERENTIABLE);
        assertTrue(missing.isEmpty(), "no gradient spec (GradientSpecs) and not listed as not differentiable "
                + "(CatalogueCompletenessTest.NOT_DIFFERENTIABLE): " + missing);
    }

    @Example
    void theNotDifferentiableListNamesOnlyExistingOps() {
        Set<String> stale = new TreeSet<>(NOT_DIFFERENTIABLE);
        stale.removeAll(required());
        assertTrue(stale.isEmpty(), "NOT_DIFFERENTIABLE lists what does not exist: " + stale);
    }

    @Example
    void specNamesAreUnique() {
        List<String> names = GradientSpecs.all().stream().map(GradientSpec::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate spec names in " + names);
    }

    /** Every primitive, op constant and API method. */
    private static Set<String> required() {
        Set<String> all = new TreeSet<>(OpCoverage.apiOps());
        for (Class<?> p : Primitive.class.getPermittedSubclasses()) all.add(p.getSimpleName());
        Stream.of(UnaryOp.values()).forEach(op -> all.add("UnaryOp." + op));
        Stream.of(BinaryOp.values()).forEach(op -> all.add("BinaryOp." + op));
        Stream.of(ReduceOp.values()).forEach(op -> all.add("ReduceOp." + op));
        return all;
    }
}
