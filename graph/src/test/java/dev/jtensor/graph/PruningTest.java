package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only what the fetches need runs: the seeds' pitfall (an update nothing fetched depends on does
 * not run) and its fixes, {@code group} and {@code controlDependencies}.
 */
class PruningTest {

    @Test
    void anUpdateNothingFetchedDependsOnDoesNotRun() {
        Graph g = new Graph();
        Variable counter;
        Tensor update, read;
        try (Scope scope = g.asDefault()) {
            counter = new Variable(TF.constant(0), "counter", false);
            update = g.assignAdd(counter, TF.constant(1));
            read = counter.readValue().mul(1);
        }
        try (Session session = new Session(g)) {
            session.run(counter.initializer());
            assertEquals(0, session.run(read).intValue());
            assertEquals(0, session.run(read).intValue(), "the update was not fetched, so it never ran");
            assertEquals(1, session.run(update).intValue());
            assertEquals(1, session.run(read).intValue());
        }
    }

    @Test
    void variableAssignInsideAGraphAddsAnUpdateThatFetchingTheVariableDoesNotRun() {
        Graph g = new Graph();
        Variable v;
        try (Scope scope = g.asDefault()) {
            v = new Variable(TF.constant(1f), "v", true);
            assertSame(v, v.assign(TF.constant(5f)));
        }
        Operation assign = g.operations().getLast();
        assertEquals("AssignVariableOp", assign.type());
        try (Session session = new Session(g)) {
            session.run(v.initializer());
            assertEquals(1f, session.run(v).floatValue(), "fetching the variable reads it; the update is not needed");
            session.run(assign);
            assertEquals(5f, session.run(v).floatValue());
        }
    }

    @Test
    void controlDependenciesMakeTheUpdateRunFirst() {
        Graph g = new Graph();
        Variable counter;
        Tensor update, read, unconditioned;
        try (Scope scope = g.asDefault()) {
            counter = new Variable(TF.constant(0), "counter", false);
            update = g.assignAdd(counter, TF.constant(1));
            try (Scope after = g.controlDependencies(update)) {
                read = counter.readValue();
            }
            unconditioned = counter.readValue();
        }
        assertEquals(List.of(Operation.of(update)), Operation.of(read).controlInputs());
        assertEquals(List.of(), Operation.of(unconditioned).controlInputs(), "the scope has ended");
        try (Session session = new Session(g)) {
            session.run(counter.initializer());
            assertEquals(1, session.run(read).intValue());
            assertEquals(2, session.run(read).intValue());
            assertEquals(2, session.run(unconditioned).intValue());
            assertEquals(List.of(3, 3), session.run(List.of(read, update)).stream().map(Tensor::intValue).toList(),
                    "the update runs once per run even when fetched twice over");
        }
    }

    @Test
    void seed003GroupedUpdatesRunWithTheLoss() {
        // the two-layer network's pitfall in miniature: fetching the loss alone never updates the weights
        Graph g = new Graph();
        Tensor x, loss;
        Variable w1, w2;
        Operation updates;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 2), "x");
            w1 = new Variable(TF.constant(new float[][] {{1}, {1}}), "w1", true);
            w2 = new Variable(TF.constant(new float[][] {{2}}), "w2", true);
            loss = TF.reduceSum(TF.square(x.matmul(w1).matmul(w2)));
            Tensor newW1 = g.assign(w1, w1.mul(0.5f));
            Tensor newW2 = g.assign(w2, w2.sub(1f));
            updates = g.group(newW1, newW2);
            g.globalVariablesInitializer();
        }
        Map<Tensor, ?> feeds = Map.of(x, new float[][] {{1, 2}, {0, 1}});
        try (Session session = new Session(g)) {
            session.run(g.operation("init"));
            // (x @ w1) = [3, 1]; @ w2 = [6, 2]; sum of squares 40
            assertEquals(40f, session.run(loss, feeds).floatValue());
            assertEquals(40f, session.run(loss, feeds).floatValue(), "the updates did not run");
            List<Tensor> out = session.runner().feedAll(feeds).addTarget(updates).fetch(loss).run();
            assertEquals(40f, out.getFirst().floatValue(), "the loss is read before the updates, added later, run");
            // w1 = [[0.5], [0.5]], w2 = [[1]]: x @ w1 = [1.5, 0.5], sum of squares 2.5
            assertEquals(2.5f, session.run(loss, feeds).floatValue());
        }
    }

    @Test
    void unneededBranchesDoNotRunAndNeedNoFeeds() {
        Graph g = new Graph();
        Tensor a, b, sum, other;
        try (Scope scope = g.asDefault()) {
            a = g.placeholder(DType.FLOAT32, Shape.scalar(), "a");
            b = g.placeholder(DType.FLOAT32, Shape.scalar(), "b");
            sum = a.add(1f);
            other = b.div(0f);
        }
        assertEquals(List.of("a", "Const", "add"), Planner.prune(List.of(sum), List.of(), Set.of()).stream()
                .map(Operation::name).toList());
        try (Session session = new Session(g)) {
            assertEquals(3f, session.run(sum, Map.of(a, 2f)).floatValue(), "b is not needed, so it need not be fed");
            assertEquals(Float.POSITIVE_INFINITY, session.run(other, Map.of(b, 1f)).floatValue());
        }
    }

    @Test
    void emptyGroupsAndScopesCompile() {
        Graph g = new Graph();
        Operation nothing;
        Tensor y;
        try (Scope scope = g.asDefault(); Scope none = g.controlDependencies()) {
            nothing = g.group();
            y = TF.constant(2f).mul(3);
        }
        assertEquals("NoOp", nothing.type());
        assertEquals(List.of(), nothing.controlInputs());
        assertEquals(List.of(), Operation.of(y).controlInputs());
        try (Session session = new Session(g)) {
            session.run(nothing);
            assertEquals(6f, session.run(y).floatValue());
        }
    }
}
