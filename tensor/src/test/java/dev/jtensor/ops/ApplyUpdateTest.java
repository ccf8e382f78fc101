package dev.jtensor.ops;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyUpdateTest {

    private static Variable var(String name, Tensor value) {
        return new Variable(value, name, false);
    }

    @Test
    void adamMatchesKerasComposedOpsBitForBit() {
        Tensor g = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 1L);
        Tensor w0 = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 2L);
        Tensor m0 = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 3L);
        Tensor v0 = randomUniform(new int[] {300, 700}, 0, 1, DType.FLOAT32, 4L);
        Variable w = var("w", w0), m = var("w/m", m0), v = var("w/v", v0);
        Tensor alpha = constant(0.01f), b1 = constant(0.1f), b2 = constant(0.001f), eps = constant(1e-7f);
        Dispatch.apply(new ApplyUpdate(UpdateRule.ADAM, List.of(w.handle(), m.handle(), v.handle())), alpha, b1, b2, eps, g);
        Tensor m1 = m0.add(g.sub(m0).mul(b1)), v1 = v0.add(g.square().sub(v0).mul(b2));
        assertArrayEquals(m1.toFloatArray(), m.toFloatArray());
        assertArrayEquals(v1.toFloatArray(), v.toFloatArray());
        assertArrayEquals(w0.sub(m1.mul(alpha).div(v1.sqrt().add(eps))).toFloatArray(), w.toFloatArray());
    }

    @Test
    void momentumReadsViewsAndMatchesComposedOps() {
        Tensor g = transpose(constant(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        Variable w = var("w", ones(3, 2)), m = var("w/momentum", fill(new int[] {3, 2}, 0.5f));
        Dispatch.apply(new ApplyUpdate(UpdateRule.MOMENTUM, List.of(w.handle(), m.handle())), constant(0.1f),
                constant(0.9f), g);
        Tensor m1 = fill(new int[] {3, 2}, 0.5f).mul(0.9f).sub(g.mul(0.1f));
        assertArrayEquals(m1.toFloatArray(), m.toFloatArray());
        assertArrayEquals(ones(3, 2).add(m1).toFloatArray(), w.toFloatArray());
    }

    @Test
    void aFailedCheckChangesNothingAndNamesTheOffender() {
        Variable w = var("w", ones(2)), m = var("w/m", zeros(2)), v = var("w/v", zeros(2));
        ApplyUpdate adam = new ApplyUpdate(UpdateRule.ADAM, List.of(w.handle(), m.handle(), v.handle()));
        Tensor s = constant(0.5f);
        var shape = assertThrows(InvalidArgumentException.class, () -> Dispatch.apply(adam, s, s, s, s, ones(3)));
        assertTrue(shape.getMessage().contains("'w'") && shape.getMessage().contains("(3,)")
                && shape.getMessage().contains("[Op:ResourceApplyAdam]"), shape.getMessage());
        var scalar = assertThrows(InvalidArgumentException.class,
                () -> Dispatch.apply(adam, s, constant(0.5), s, s, ones(2)));
        assertTrue(scalar.getMessage().contains("#1") && scalar.getMessage().contains("float32 scalar"), scalar.getMessage());
        var arity = assertThrows(InvalidArgumentException.class, () -> Dispatch.apply(adam, s, ones(2)));
        assertTrue(arity.getMessage().contains("takes 5 input(s)"), arity.getMessage());
        Variable small = var("small", zeros(3));
        var slot = assertThrows(InvalidArgumentException.class, () -> Dispatch.apply(
                new ApplyUpdate(UpdateRule.ADAGRAD, List.of(w.handle(), small.handle())), s, s, ones(2)));
        assertTrue(slot.getMessage().contains("'small'") && slot.getMessage().contains("(3,)"), slot.getMessage());
        var twice = assertThrows(InvalidArgumentException.class,
                () -> new ApplyUpdate(UpdateRule.ADAGRAD, List.of(w.handle(), w.handle())));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        var count = assertThrows(InvalidArgumentException.class,
                () -> new ApplyUpdate(UpdateRule.ADAM, List.of(w.handle(), m.handle())));
        assertTrue(count.getMessage().contains("2 slot variable(s)"), count.getMessage());
        for (Variable each : List.of(w, m, v)) {
            assertArrayEquals(each == w ? new float[] {1, 1} : new float[] {0, 0}, each.toFloatArray());
        }
        assertTrue(adam.stateful());
    }
}
