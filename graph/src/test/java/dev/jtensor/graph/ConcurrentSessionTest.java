package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One session run from several threads at once, as TensorFlow allows; one graph built from several. */
class ConcurrentSessionTest {

    private static final int THREADS = 6;
    private static final int RUNS = 200;

    @Test
    void concurrentRunsWithDifferentFeedsGetTheirOwnResults() throws Exception {
        Graph g = new Graph();
        Tensor x, y;
        Variable w;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 2), "x");
            w = new Variable(TF.constant(new float[][] {{1, 2}, {3, 4}}), "w", true);
            y = x.matmul(w).add(1f);
        }
        try (Session session = new Session(g)) {
            session.run(w.initializer());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                float k = t + 1;
                tasks.add(() -> {
                    for (int i = 0; i < RUNS; i++) {
                        // [k, i] @ [[1, 2], [3, 4]] + 1 = [k + 3i + 1, 2k + 4i + 1]
                        float[] out = session.run(y, Map.of(x, new float[][] {{k, i}})).toFloatArray();
                        assertArrayEquals(new float[] {k + 3 * i + 1, 2 * k + 4 * i + 1}, out);
                    }
                    return null;
                });
            }
            runAll(tasks);
        }
    }

    @Test
    void concurrentUpdatesOfOneVariableAreAtomic() throws Exception {
        Graph g = new Graph();
        Variable counter;
        Tensor increment;
        try (Scope scope = g.asDefault()) {
            counter = new Variable(TF.constant(0L), "counter", false);
            increment = g.assignAdd(counter, TF.constant(1L));
        }
        try (Session session = new Session(g)) {
            session.run(counter.initializer());
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < RUNS; i++) {
                        session.run(increment);
                    }
                    return null;
                });
            }
            runAll(tasks);
            assertEquals((long) THREADS * RUNS, session.run(counter).longValue());
        }
    }

    @Test
    void severalThreadsBuildingOneGraphGetUniqueNamesAndTheirOwnScopes() throws Exception {
        Graph g = new Graph();
        Tensor x = g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
        List<Callable<Void>> tasks = new ArrayList<>();
        List<List<Tensor>> built = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Tensor> mine = new ArrayList<>();
            built.add(mine);
            String scopeName = "worker" + t;
            tasks.add(() -> {
                try (Scope scope = g.asDefault(); Scope named = g.nameScope(scopeName)) {
                    for (int i = 0; i < RUNS; i++) {
                        mine.add(x.add((float) i));
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        List<String> names = g.operations().stream().map(Operation::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "names are unique");
        for (int t = 0; t < THREADS; t++) {
            for (Tensor sum : built.get(t)) {
                assertTrue(Operation.of(sum).name().startsWith("worker" + t + "/add"), Operation.of(sum).name());
            }
        }
        try (Session session = new Session(g)) {
            assertEquals(RUNS - 1 + 0.5f, session.run(built.get(THREADS - 1).getLast(), Map.of(x, 0.5f)).floatValue());
        }
    }

    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
