package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.GraphOptimization;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The graph passes ({@link GraphOptimization}) change no bit: random small programs
 * ({@link Programs}: chains and DAGs of elementwise ops with broadcasts, constant-only subtrees,
 * repeated subexpressions, reductions and matmuls cutting the chains, variable reads and updates)
 * built in a graph give, in a session with each single pass and with all of them, exactly the
 * values of a session without passes, which gives exactly the eager values. Each session runs the
 * program twice, with other feeds (and the variable's value carried over), so buffers kept from
 * run to run must not leak old values; and every tensor a run returned, and every tensor fed,
 * must keep its values after later runs, since buffer reuse and in-place updates may only write
 * into buffers no one else holds.
 * Tries scale with {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class GraphPassProperties {

    /**
     * What the programs must exercise, and in at least what share of them: each floor is more than
     * three standard deviations below the share the generator gives at the default tries.
     */
    private static final Map<String, Double> MIN_PERCENT = Map.of("constant subtree", 5.0,
            "repeated subexpression", 20.0, "broadcast", 30.0, "reduction", 20.0, "matmul", 10.0,
            "variable update", 5.0);

    private static final List<String> FEATURES = List.copyOf(new TreeSet<>(MIN_PERCENT.keySet()));

    @Provide
    Arbitrary<ProgramCase> programs() {
        return Programs.cases();
    }

    @Property(tries = 150)
    void withoutPassesAGraphComputesWhatEagerComputes(@ForAll("programs") ProgramCase c) {
        List<List<Tensor>> eager = c.evaluateEagerly();
        Held held = new Held();
        List<List<Tensor>> graph = new Built(c).runTwice(GraphOptimization.NONE, held);
        assertSame("the graph without passes against eager", eager, graph, c);
    }

    /** Also checks that the programs exercise what they should (jqwik's coverage: {@link #MIN_PERCENT}), without printing the statistics. */
    @Property(tries = 150)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void everyPassLeavesEveryBitAsItIsWithoutPasses(@ForAll("programs") ProgramCase c) {
        Set<String> features = c.program().features();
        for (String feature : FEATURES) Statistics.label(feature).collect(features.contains(feature));
        Statistics.label("dtype").collect(c.program().dtype());
        Built built = new Built(c);
        Held held = new Held();
        List<List<Tensor>> plain = built.runTwice(GraphOptimization.NONE, held);
        for (Set<GraphOptimization> passes : passSets()) {
            assertSame("passes " + passes + " against none", plain, built.runTwice(passes, held), c);
        }
        assertSame("no passes, in a session opened after sessions with passes", plain,
                built.runTwice(GraphOptimization.NONE, held), c);
        for (String feature : FEATURES) {
            Statistics.label(feature).coverage(check -> check.check(true).percentage(p -> p >= MIN_PERCENT.get(feature)));
        }
    }

    /** Each pass alone, then all of them. */
    private static List<Set<GraphOptimization>> passSets() {
        List<Set<GraphOptimization>> sets = new ArrayList<>();
        for (GraphOptimization pass : GraphOptimization.values()) sets.add(EnumSet.of(pass));
        sets.add(GraphOptimization.ALL);
        return sets;
    }

    private static void assertSame(String what, List<List<Tensor>> expected, List<List<Tensor>> actual, ProgramCase c) {
        List<String> names = c.program().fetchedNames();
        for (int run = 0; run < expected.size(); run++) {
            for (int i = 0; i < names.size(); i++) {
                Bitwise.assertSameBits(what + ", run " + (run + 1) + ", " + names.get(i) + ", in\n" + c,
                        expected.get(run).get(i), actual.get(run).get(i));
            }
        }
    }

    /** The program built once in a graph, on placeholders, to be run in sessions with different passes. */
    private static final class Built {
        private final ProgramCase c;
        private final Graph g = new Graph();
        private final Map<String, Tensor> placeholders = new HashMap<>();
        private final Operation init;
        private final List<Tensor> fetches;

        Built(ProgramCase c) {
            this.c = c;
            for (String input : Program.INPUTS) {
                placeholders.put(input, g.placeholder(c.program().dtype(), Shape.of(c.program().inputShape(input)),
                        input));
            }
            try (Scope scope = g.asDefault()) {
                Variable v = c.program().variable() ? new Variable(c.initialValue(), "v", true) : null;
                fetches = c.program().evaluate(new Program.Env() {
                    @Override
                    public Tensor input(String name) {
                        return placeholders.get(name);
                    }

                    @Override
                    public Tensor read() {
                        return v.readValue();
                    }

                    @Override
                    public Tensor assignAdd(Tensor delta) {
                        return g.assignAdd(v, delta);
                    }
                });
                init = g.globalVariablesInitializer();
            }
        }

        /**
         * Initialises the variable, then runs the fetches once per run of the case; holds what it fed and
         * fetched, and checks at the end that nothing held so far (by this session or earlier ones) changed.
         */
        List<List<Tensor>> runTwice(Set<GraphOptimization> passes, Held held) {
            List<List<Tensor>> results = new ArrayList<>();
            try (Session session = new Session(g, passes)) {
                session.run(init);
                List<String> names = c.program().fetchedNames();
                for (int run = 0; run < c.runs().size(); run++) {
                    String when = "passes " + passes + ", run " + (run + 1) + ", ";
                    Map<Tensor, Tensor> feeds = new LinkedHashMap<>();
                    c.inputs(run).forEach((name, value) -> {
                        feeds.put(placeholders.get(name), value);
                        held.hold(when + "the value fed to " + name, value);
                    });
                    List<Tensor> fetched = session.run(fetches, feeds);
                    assertEquals(fetches.size(), fetched.size());
                    for (int i = 0; i < fetched.size(); i++) {
                        held.hold(when + names.get(i), fetched.get(i));
                    }
                    results.add(fetched);
                }
            }
            held.verifyUnchanged(c);
            return results;
        }
    }

    /** Tensors handed to or returned by sessions, with their bits when first seen. */
    private static final class Held {
        private record Entry(String what, Tensor tensor, long[] bits) {
        }

        private final List<Entry> entries = new ArrayList<>();

        void hold(String what, Tensor t) {
            entries.add(new Entry(what, t, Bitwise.bits(t)));
        }

        /** Fails if any held tensor's values changed since it was first seen. */
        void verifyUnchanged(ProgramCase c) {
            for (Entry e : entries) {
                Bitwise.assertSameBits(e.what() + " changed after later runs, in\n" + c, e.bits(), e.tensor());
            }
        }
    }
}
