package dev.jtensor.proptests;

import static dev.jtensor.TF.*;
import static dev.jtensor.proptests.Domain.*;
import static dev.jtensor.proptests.GradientSpecs.apart;
import static dev.jtensor.proptests.GradientSpecs.awayFrom;
import static dev.jtensor.proptests.GradientSpecs.binary;
import static dev.jtensor.proptests.GradientSpecs.quotientAwayFromIntegers;
import static dev.jtensor.proptests.GradientSpecs.unary;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.autodiff.CustomGradient;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.proptests.GradientSpec.Tolerance;
import dev.jtensor.testkit.TestBackend;
import java.util.List;

/**
 * Catalogue entries for elementwise ops: binary ops with broadcasting, the Java-scalar overloads,
 * unary functions, comparisons seen through {@code where}, and piecewise-constant functions
 * (whose gradient is zero away from their jumps).
 */
final class ElementwiseSpecs {

    private ElementwiseSpecs() {
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                // ------------------------------------------------ binary, broadcasting
                binary("add(a, b)", ANY, ANY, (a, b) -> add(a, b)),
                binary("subtract(a, b)", ANY, ANY, (a, b) -> subtract(a, b)),
                binary("multiply(a, b)", ANY, ANY, (a, b) -> multiply(a, b)),
                binary("divide(a, b)", ANY, AWAY_FROM_ZERO, (a, b) -> divide(a, b)),
                binary("pow(a, b)", POSITIVE, ANY, (a, b) -> pow(a, b)),
                binary("maximum(a, b)", ANY, ANY, (a, b) -> maximum(a, b)).admitting(apart(0, 1)),
                binary("minimum(a, b)", ANY, ANY, (a, b) -> minimum(a, b)).admitting(apart(0, 1)),
                binary("squaredDifference(a, b)", ANY, ANY, (a, b) -> squaredDifference(a, b)),
                binary("floorMod(a, b)", ANY, AWAY_FROM_ZERO, (a, b) -> floorMod(a, b))
                        .admitting(quotientAwayFromIntegers(0, 1)),
                binary("floorDiv(a, b)", ANY, AWAY_FROM_ZERO, (a, b) -> floorDiv(a, b))
                        .admitting(quotientAwayFromIntegers(0, 1)).withZeroGradient(),
                // comparisons are not differentiable, but where(comparison, ...) is, away from ties
                binary("where(greater(a, b), a^2, 3b)", ANY, ANY, (a, b) -> where(greater(a, b), square(a), b.mul(3)))
                        .admitting(apart(0, 1)),
                binary("where(greaterEqual(a, b), sin(a), b)", ANY, ANY,
                        (a, b) -> where(greaterEqual(a, b), sin(a), b)).admitting(apart(0, 1)),
                binary("where(less(a, b), a*b, a-b)", ANY, ANY, (a, b) -> where(less(a, b), a.mul(b), a.sub(b)))
                        .admitting(apart(0, 1)),
                binary("where(lessEqual(a, b), exp(a), b^2)", ANY, ANY,
                        (a, b) -> where(lessEqual(a, b), exp(a), square(b))).admitting(apart(0, 1)),
                GradientSpec.of("where(c.greater(0.0), x, y)", Layouts.broadcast(3),
                        (xs, p) -> where(xs.get(0).greater(0.0), xs.get(1), xs.get(2)), AWAY_FROM_ZERO, ANY, ANY)
                        .broadcasting(),
                unary("where(x.less(0.25), x^2, -x)", ANY, x -> where(x.less(0.25), square(x), x.neg()))
                        .admitting(awayFrom(0, 0.25)),
                GradientSpec.of("clipByValue(x, lo, hi)", Layouts.broadcast(3),
                        (xs, p) -> clipByValue(xs.get(0), xs.get(1), xs.get(2)), ANY, ANY, ANY)
                        .broadcasting().admitting(apart(0, 1).and(apart(0, 2)).and(apart(1, 2))),

                // ------------------------------------------------ Java-scalar overloads
                unary("add(x, 1.5)", ANY, x -> add(x, 1.5)),
                unary("x.add(2L)", ANY, x -> x.add(2L)),
                unary("x.sub(0.5)", ANY, x -> x.sub(0.5)),
                unary("x.sub(2L)", ANY, x -> x.sub(2L)),
                unary("multiply(x, -1.5)", ANY, x -> multiply(x, -1.5)),
                unary("x.mul(3L)", ANY, x -> x.mul(3L)),
                unary("x.div(0.75)", ANY, x -> x.div(0.75)),
                unary("x.div(4L)", ANY, x -> x.div(4L)),
                unary("pow(x, 2.5)", POSITIVE, x -> pow(x, 2.5)),
                unary("x.pow(3L)", ANY, x -> x.pow(3L)),
                unary("maximum(x, 0.3)", ANY, x -> maximum(x, 0.3)).admitting(awayFrom(0, 0.3)),
                unary("minimum(x, -0.2)", ANY, x -> minimum(x, -0.2)).admitting(awayFrom(0, -0.2)),
                unary("clipByValue(x, -0.5, 0.75)", ANY, x -> clipByValue(x, -0.5, 0.75))
                        .admitting(awayFrom(0, -0.5).and(awayFrom(0, 0.75))),

                // ------------------------------------------------ unary
                unary("negative(x)", ANY, x -> negative(x)),
                unary("abs(x)", DISTINCT, x -> abs(x)),
                unary("square(x)", ANY, x -> square(x)),
                unary("sqrt(x)", POSITIVE, x -> sqrt(x)),
                unary("rsqrt(x)", POSITIVE, x -> rsqrt(x)),
                unary("reciprocal(x)", AWAY_FROM_ZERO, x -> reciprocal(x)),
                unary("exp(x)", ANY, x -> exp(x)),
                unary("log(x)", POSITIVE, x -> log(x)),
                unary("log1p(x)", UNIT_INTERVAL, x -> log1p(x)),
                unary("expm1(x)", ANY, x -> expm1(x)),
                unary("sin(x)", ANY, x -> sin(x)),
                unary("cos(x)", ANY, x -> cos(x)),
                unary("tanh(x)", ANY, x -> tanh(x)),
                unary("sigmoid(x)", ANY, x -> sigmoid(x)),
                unary("relu(x)", DISTINCT, x -> relu(x)),
                unary("softplus(x)", ANY, x -> softplus(x)),
                unary("sigmoid(x) of wide values", WIDE, x -> sigmoid(x)),
                unary("softplus(x) of wide values", WIDE, x -> softplus(x)),
                // a Call op: the forward's ops are hidden from the tape, which uses the rule instead
                unary("customGradient(softplus(x), g * sigmoid(x))", ANY, x -> CustomGradient.apply(
                        xs -> softplus(xs.get(0)), (g, y, xs) -> List.of(g.mul(sigmoid(xs.get(0)))), x)),
                // a fused program (graph mode's fusion makes these): its rule replays the steps
                unary("fused: tanh(x*x) * (x + 1) - sin(x)", ANY, x -> Dispatch.apply(new FusedElementwise(
                        new FusedProgram(1, List.of(new FusedProgram.Binary(BinaryOp.MULTIPLY, 0, 0),
                                new FusedProgram.Unary(UnaryOp.TANH, 1), new FusedProgram.Constant(1),
                                new FusedProgram.Binary(BinaryOp.ADD, 0, 3), new FusedProgram.Binary(BinaryOp.MULTIPLY, 2, 4),
                                new FusedProgram.Unary(UnaryOp.SIN, 0), new FusedProgram.Binary(BinaryOp.SUBTRACT, 5, 6)))),
                        x)),
                // across devices: the copy's gradient is copied back
                unary("tanh(x.to(test:0)).to(cpu:0)", ANY, x -> tanh(x.to(TestBackend.DEVICE_0)).to(Device.CPU)),
                unary("tanh(x) of wide values", WIDE, x -> tanh(x)),
                // piecewise constant: zero gradient away from the jumps
                unary("sign(x)", AWAY_FROM_ZERO, x -> sign(x)).withZeroGradient(),
                unary("floor(x)", AWAY_FROM_INTEGERS, x -> floor(x)).withZeroGradient(),
                unary("ceil(x)", AWAY_FROM_INTEGERS, x -> ceil(x)).withZeroGradient(),
                unary("round(x)", AWAY_FROM_INTEGERS, x -> round(x)).withZeroGradient(),
                // identity forward, no gradient by definition
                unary("stopGradient(x)", ANY, x -> stopGradient(x)).withZeroGradient(),
                // float64 -> float32 rounds: a wider step keeps the rounding out of the difference quotient
                unary("cast(cast(x, other float), x.dtype)", ANY, x -> cast(cast(x, otherFloat(x)), x.dtype()))
                        .within(new Tolerance(1e-2, 1e-4, 1e-4, 2e-4)),

                // ------------------------------------------------ compositions: one input used several times
                unary("x * sin(x) + exp(-x^2)", ANY, x -> x.mul(sin(x)).add(exp(square(x).neg()))),
                binary("sigmoid(a * b) * a - b / (1 + a^2)", ANY, ANY,
                        (a, b) -> sigmoid(a.mul(b)).mul(a).sub(b.div(square(a).add(1.0)))));
    }

    private static DType otherFloat(Tensor x) {
        return x.dtype() == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64;
    }
}
