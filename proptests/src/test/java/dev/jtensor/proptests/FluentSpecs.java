package dev.jtensor.proptests;

import static dev.jtensor.proptests.Domain.*;
import static dev.jtensor.proptests.GradientSpecs.apart;
import static dev.jtensor.proptests.GradientSpecs.awayFrom;
import static dev.jtensor.proptests.GradientSpecs.binary;
import static dev.jtensor.proptests.GradientSpecs.quotientAwayFromIntegers;
import static dev.jtensor.proptests.GradientSpecs.unary;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;

/**
 * Specs for the fluent methods of {@code Operand} ({@code x.exp()}, {@code a.matmul(b)}, ...): the
 * {@code TF} facade calls the frontends directly, so these methods need specs of their own. Shapes
 * are derived inside each function (reshape to a vector or a matrix) so any generated shape works.
 */
final class FluentSpecs {

    private FluentSpecs() {
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                unary("x.abs()", AWAY_FROM_ZERO, Tensor::abs),
                unary("x.exp()", ANY, Tensor::exp),
                unary("x.log()", POSITIVE, Tensor::log),
                unary("x.sqrt()", POSITIVE, Tensor::sqrt),
                unary("x.square()", ANY, Tensor::square),
                unary("x.relu()", AWAY_FROM_ZERO, Tensor::relu),
                unary("x.sigmoid()", ANY, Tensor::sigmoid),
                unary("x.tanh()", ANY, Tensor::tanh),
                unary("x.pow(2.5)", POSITIVE, x -> x.pow(2.5)),
                unary("x.maximum(0.3)", ANY, x -> x.maximum(0.3)).admitting(awayFrom(0, 0.3)),
                unary("x.minimum(-0.2)", ANY, x -> x.minimum(-0.2)).admitting(awayFrom(0, -0.2)),
                // float64 -> float32 rounds: a wider step keeps the rounding out of the difference quotient
                unary("x.cast(other float).cast(x.dtype)", ANY,
                        x -> x.cast(x.dtype() == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64).cast(x.dtype()))
                        .within(new GradientSpec.Tolerance(1e-2, 1e-4, 1e-4, 2e-4)),
                unary("x.reshape(-1)", ANY, x -> x.reshape(-1).mul(TF.range(0.5, x.size() + 0.5, 1.0, x.dtype()))),
                unary("x.expandDims(0).squeeze(0)", ANY, x -> x.expandDims(0).mul(2).squeeze(0)),
                unary("x.transpose()", ANY, x -> x.transpose().mul(x.transpose())),
                unary("x.broadcastTo(2, ...)", ANY, x -> x.broadcastTo(prepend(2, x.shape().toArray())).exp()),
                unary("x.reshape(1, -1).matmul(x.reshape(-1, 1))", ANY, x -> x.reshape(1, -1).matmul(x.reshape(-1, 1))),
                unary("x.reduceSum()", ANY, x -> x.square().reduceSum()),
                unary("x.reshape(-1).reduceSum(0)", ANY, x -> x.square().reshape(-1).reduceSum(0)),
                unary("x.reduceMean()", ANY, x -> x.square().reduceMean()),
                unary("x.reshape(-1).reduceMean(0)", ANY, x -> x.square().reshape(-1).reduceMean(0)),
                unary("x.reduceMax()", DISTINCT, Tensor::reduceMax),
                unary("x.reshape(-1).reduceMax(0)", DISTINCT, x -> x.reshape(-1).reduceMax(0)),
                unary("x.reduceMin()", DISTINCT, Tensor::reduceMin),
                unary("x.reshape(-1).reduceMin(0)", DISTINCT, x -> x.reshape(-1).reduceMin(0)),
                binary("a.maximum(b)", ANY, ANY, (a, b) -> a.maximum(b)).admitting(apart(0, 1)),
                binary("a.minimum(b)", ANY, ANY, (a, b) -> a.minimum(b)).admitting(apart(0, 1)),
                binary("a.floorMod(b)", ANY, AWAY_FROM_ZERO, (a, b) -> a.floorMod(b))
                        .admitting(quotientAwayFromIntegers(0, 1)),
                binary("a.floorDiv(b)", ANY, AWAY_FROM_ZERO, (a, b) -> a.floorDiv(b))
                        .admitting(quotientAwayFromIntegers(0, 1)).withZeroGradient(),
                binary("where(a.greaterEqual(b), a^2, b)", ANY, ANY,
                        (a, b) -> TF.where(a.greaterEqual(b), a.square(), b)).admitting(apart(0, 1)),
                binary("where(a.lessEqual(b), a*b, b)", ANY, ANY,
                        (a, b) -> TF.where(a.lessEqual(b), a.mul(b), b)).admitting(apart(0, 1)));
    }

    private static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
