package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dead intermediates' buffers are written again, in the run and in later runs, and nothing the
 * caller holds or a variable keeps is ever overwritten.
 */
class BufferReuseTest {

    private static final int N = 64;   // 64 x 64 = 4096 elements, the smallest size kept

    private final Graph g = new Graph();

    private static double[][] matrix(double seed) {
        double[][] m = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) m[i][j] = Math.sin(seed + i * 0.37 + j * 0.11) / N;
        }
        return m;
    }

    @Test
    void aChainOfMatmulsReusesDeadBuffersInTheRunAndInTheNext() {
        Tensor x, w;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(N, N), "x");
            Tensor y = TF.matmul(x, x), z = TF.matmul(y, x), v = TF.matmul(z, x);
            w = TF.matmul(v, x);
        }
        Plan plan = Planner.plan(new SessionVariables(g), List.of(w), List.of(), List.of(x), GraphOptimization.NONE);
        Execution reusing = new Execution(plan, true, false), plain = new Execution(plan);
        Tensor[] feeds = {TF.constant(matrix(1))};
        double[] expected = plain.run(feeds, null).getFirst().toDoubleArray();
        Tensor first = reusing.run(feeds, null).getFirst();
        // y died, v was written into its buffer; z died, w took its buffer; v died: one spare, and w,
        // fetched, is the caller's
        assertEquals(1, reusing.buffers().spares());
        Tensor second = reusing.run(new Tensor[] {TF.constant(matrix(2))}, null).getFirst();
        assertEquals(1, reusing.buffers().spares(), "the second run took the spare and gave it back");
        assertArrayEquals(expected, first.toDoubleArray(), 0, "a fetched result is never written again");
        assertArrayEquals(plain.run(new Tensor[] {TF.constant(matrix(2))}, null).getFirst().toDoubleArray(),
                second.toDoubleArray(), 0);
    }

    @Test
    void viewsKeepTheirBufferAliveUntilTheLastOneIsRead() {
        Tensor x, out;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(N, N), "x");
            Tensor y = TF.matmul(x, x);
            Tensor t = TF.transpose(y);                      // a view of y's buffer
            Tensor z = TF.matmul(x, x.mul(2.0));             // could take y's buffer if views were ignored
            out = TF.matmul(t, z);
        }
        double[][] m = matrix(3);
        try (Session plain = new Session(g, GraphOptimization.NONE);
             Session reusing = new Session(g, java.util.EnumSet.of(GraphOptimization.BUFFER_REUSE))) {
            Map<Tensor, Object> feeds = Map.of(x, m);
            assertArrayEquals(plain.run(out, feeds).toDoubleArray(), reusing.run(out, feeds).toDoubleArray(), 0);
            assertArrayEquals(plain.run(out, feeds).toDoubleArray(), reusing.run(out, feeds).toDoubleArray(), 0);
        }
    }

    @Test
    void aValueAssignedToAVariableIsNeverReused() {
        Variable v;
        Tensor x, assign, later;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(N, N), "x");
            v = new Variable(TF.zeros(DType.FLOAT64, N, N), "v", false);
            Tensor y = TF.matmul(x, x);
            assign = g.assign(v, y);                         // v now holds y's buffer
            try (Scope after = g.controlDependencies(assign)) {
                later = TF.matmul(x, x.add(1.0)).add(TF.matmul(x, x.sub(1.0)));
            }
        }
        double[][] m = matrix(4);
        try (Session session = new Session(g)) {
            session.run(v.initializer());
            Tensor expected = session.run(assign, Map.of(x, m));
            for (int run = 0; run < 3; run++) session.run(later, Map.of(x, m));
            assertArrayEquals(expected.toDoubleArray(), session.run(v).toDoubleArray(), 0,
                    "the variable's value was not overwritten by later intermediates");
        }
    }

    @Test
    void aValueAnUpdateOnlyReadsIsReusedButAnAssignedOneIsNot() {
        Variable v, w;
        Tensor x, add, assign, readV, readW;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(N, N), "x");
            v = new Variable(TF.zeros(DType.FLOAT64, N, N), "v", false);
            w = new Variable(TF.zeros(DType.FLOAT64, N, N), "w", false);
            add = g.assignAdd(v, TF.matmul(x, x));           // reads the product: its buffer is spare afterwards
            assign = g.assign(w, TF.matmul(x, x.mul(2.0)));    // keeps it: never spare
            readV = v.readValue();
            readW = w.readValue();
        }
        SessionVariables variables = new SessionVariables(g);
        Execution init = new Execution(Planner.plan(variables, List.of(), List.of(Operation.of(v.initializer()), Operation.of(w.initializer())),
                List.of(), GraphOptimization.NONE));
        init.run(new Tensor[0], null);
        Execution adding = new Execution(Planner.plan(variables, List.of(), List.of(Operation.of(add)), List.of(x),
                GraphOptimization.NONE), true, false);
        Execution assigning = new Execution(Planner.plan(variables, List.of(), List.of(Operation.of(assign)),
                List.of(x), GraphOptimization.NONE), true, false);
        double[][] m = matrix(5);
        for (int run = 1; run <= 2; run++) {
            adding.run(new Tensor[] {TF.constant(m)}, null);
            assertEquals(1, adding.buffers().spares(), "run " + run + ": the product is spare, and taken again");
            assigning.run(new Tensor[] {TF.constant(m)}, null);
            // x * 2 died into a spare; the product became w's value
            assertEquals(1, assigning.buffers().spares(), "run " + run);
        }
        Tensor product = TF.matmul(TF.constant(m), TF.constant(m));
        List<Tensor> values = new Execution(Planner.plan(variables, List.of(readV, readW), List.of(), List.of(),
                GraphOptimization.NONE)).run(new Tensor[0], null);
        assertArrayEquals(product.add(product).toDoubleArray(), values.get(0).toDoubleArray(), 0, "two runs added x @ x twice");
        assertArrayEquals(TF.matmul(TF.constant(m), TF.constant(m).mul(2.0)).toDoubleArray(),
                values.get(1).toDoubleArray(), 0, "w's value was never written again");
    }
}
