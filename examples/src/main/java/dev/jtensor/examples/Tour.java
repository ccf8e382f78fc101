package dev.jtensor.examples;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.JTensorException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.util.List;
import java.util.function.Supplier;

/**
 * A tour of eager tensors: the seed notebooks' tensor examples, each printed as
 * {@code >>> code} followed by its result (or the error TensorFlow would also raise).
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java}.
 */
public final class Tour {

    private Tour() {
    }

    public static void main(String[] args) {
        section("Eager execution: an op returns its value at once");
        Tensor x = constant(2f);
        show("square(x)", () -> square(x));

        section("Broadcasting");
        Tensor a = constant(new float[][] {{1, 2}, {3, 4}});
        show("add(a, 1)", () -> add(a, 1));
        show("a.add(constant(new float[] {10, 20}))", () -> a.add(constant(new float[] {10, 20})));
        show("reshape(range(3), 3, 1).add(range(4)).shape()", () -> reshape(range(3), 3, 1).add(range(4)).shape());

        section("Operators as methods");
        show("a.pow(2)", () -> a.pow(2));
        show("a.neg()", () -> a.neg());
        show("a.matmul(a)", () -> a.matmul(a));
        show("maximum(constant(new float[] {-1, 0, 2}), 0)  // ReLU", () -> maximum(constant(new float[] {-1, 0, 2}), 0));

        section("Creating tensors");
        show("ones(2, 1)", () -> ones(2, 1));
        show("zeros(2, 1)", () -> zeros(2, 1));
        show("randomNormal(new int[] {3, 1}, 0, 1, DType.FLOAT32, 42L)",
                () -> randomNormal(new int[] {3, 1}, 0, 1, DType.FLOAT32, 42L));
        show("randomUniform(new int[] {3, 1}, 0, 1, DType.FLOAT32, 42L)",
                () -> randomUniform(new int[] {3, 1}, 0, 1, DType.FLOAT32, 42L));
        show("range(5)", () -> range(5));

        section("dtypes are strict, as in TensorFlow");
        show("reduceMean(constant(new float[] {1, 2, 3, 4}))", () -> reduceMean(constant(new float[] {1, 2, 3, 4})));
        show("reduceMean(constant(new int[] {1, 2, 3, 4}))  // integer mean", () -> reduceMean(constant(new int[] {1, 2, 3, 4})));
        show("constant(new int[] {1, 2}).add(constant(new float[] {3.14f, 3.14f}))",
                () -> constant(new int[] {1, 2}).add(constant(new float[] {3.14f, 3.14f})));
        show("cast(constant(new int[] {1, 2}), DType.FLOAT32).add(constant(new float[] {3.14f, 3.14f}))",
                () -> cast(constant(new int[] {1, 2}), DType.FLOAT32).add(constant(new float[] {3.14f, 3.14f})));
        enableNumpyBehavior();
        show("// after enableNumpyBehavior(): int32 + float32 promotes\n"
                + "constant(new int[] {1, 2}).add(constant(new float[] {3.14f, 3.14f}))",
                () -> constant(new int[] {1, 2}).add(constant(new float[] {3.14f, 3.14f})));
        disableNumpyBehavior();

        section("stack and concat (seed 004)");
        Tensor r = reshape(range(2 * 3 * 4 * 5), 2, 3, 4, 5);
        for (int axis : new int[] {0, 1, 2, 3, -1}) {
            show("stack(List.of(r, r.neg()), " + axis + ").shape()", () -> stack(List.of(r, r.neg()), axis).shape());
        }
        Tensor p = reshape(range(2 * 3 * 4), 2, 3, 4);
        show("concat(List.of(p, p.neg(), p.mul(2)), -1).shape()", () -> concat(List.of(p, p.neg(), p.mul(2)), -1).shape());
        show("stack(List.of(p, p.neg(), p.mul(2)), 1).shape()", () -> stack(List.of(p, p.neg(), p.mul(2)), 1).shape());
        Tensor q = reshape(range(4 * 3 * 4).neg(), 4, 3, 4);
        show("concat(List.of(p, q), 0).shape()", () -> concat(List.of(p, q), 0).shape());
        show("concat(List.of(p, q), 1)", () -> concat(List.of(p, q), 1));

        section("matmul needs rank >= 2 (seed 004)");
        Tensor eye = constant(new float[][] {{1, 0}, {0, 1}});
        Tensor v = constant(new float[] {77, -88});
        show("eye.matmul(v)", () -> eye.matmul(v));
        show("eye.matmul(reshape(v, 2, 1))", () -> eye.matmul(reshape(v, 2, 1)));
        show("reshape(v, 1, 2).matmul(eye)", () -> reshape(v, 1, 2).matmul(eye));
        show("reshape(v, 2, 1).matmul(eye)", () -> reshape(v, 2, 1).matmul(eye));

        section("Indexing gives plain tensors");
        Tensor w = constant(new int[] {1, 2, 3, 4});
        show("w.get(0)", () -> w.get(0));
        show("w.get(Index.to(2))", () -> w.get(Index.to(2)));
        show("w.get(Index.step(-1))", () -> w.get(Index.step(-1)));

        section("Variables and GradientTape");
        Variable xv = new Variable(constant(2f), "x", true);
        show("xv", () -> xv);
        show("xv.add(1)  // a plain tensor", () -> xv.add(1));
        show("xv.assignAdd(1f)", () -> xv.assignAdd(1f));
        show("try (var tape = new GradientTape()) { return tape.gradient(xv.square().mul(3), xv); }  // 6x at 3", () -> {
            try (GradientTape tape = new GradientTape()) {
                return tape.gradient(xv.square().mul(3), xv);
            }
        });
        Variable t = new Variable(constant(5f), "t", true);
        show("speed and acceleration of 4.9 t^2 at t = 5 (nested tapes)", () -> {
            try (GradientTape outer = new GradientTape()) {
                Tensor speed;
                try (GradientTape inner = new GradientTape()) {
                    speed = inner.gradient(t.square().mul(4.9), t);
                }
                return List.of(speed, outer.gradient(speed, t));
            }
        });

        section("Devices");
        show("listPhysicalDevices(\"GPU\")", () -> listPhysicalDevices("GPU"));
        show("listPhysicalDevices(\"CPU\")", () -> listPhysicalDevices("CPU"));
        show("constant(new float[] {1, 2}).device()", () -> constant(new float[] {1, 2}).device());
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void show(String code, Supplier<Object> result) {
        System.out.println(">>> " + code.replace("\n", "\n>>> "));
        try {
            System.out.println(result.get());
        } catch (JTensorException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
