package dev.jtensor.proptests;

import static dev.jtensor.TF.*;
import static dev.jtensor.proptests.Domain.*;
import static dev.jtensor.proptests.GradientSpecs.unary;

import java.util.List;

/**
 * Catalogue entries for reductions (every overload: all axes, varargs axes, axes with keepDims),
 * the mean/variance/std and log-sum-exp composites, running sums and products, softmax and
 * log-softmax. Max and min draw distinct values: at a tie they have no derivative.
 */
final class ReductionSpecs {

    private ReductionSpecs() {
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                unary("reduceSum(x)", ANY, x -> reduceSum(x)),
                GradientSpec.of("reduceSum(x, axes...)", Layouts.reduceAxes(), (xs, p) -> reduceSum(xs.get(0), p.axes()), ANY),
                GradientSpec.of("reduceSum(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceSum(xs.get(0), p.axes(), p.keepDims()), ANY),
                unary("reduceMean(x)", ANY, x -> reduceMean(x)),
                GradientSpec.of("reduceMean(x, axes...)", Layouts.reduceAxes(), (xs, p) -> reduceMean(xs.get(0), p.axes()), ANY),
                GradientSpec.of("reduceMean(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceMean(xs.get(0), p.axes(), p.keepDims()), ANY),
                unary("reduceMax(x)", DISTINCT, x -> reduceMax(x)),
                GradientSpec.of("reduceMax(x, axes...)", Layouts.reduceAxes(), (xs, p) -> reduceMax(xs.get(0), p.axes()), DISTINCT),
                GradientSpec.of("reduceMax(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceMax(xs.get(0), p.axes(), p.keepDims()), DISTINCT),
                unary("reduceMin(x)", DISTINCT, x -> reduceMin(x)),
                GradientSpec.of("reduceMin(x, axes...)", Layouts.reduceAxes(), (xs, p) -> reduceMin(xs.get(0), p.axes()), DISTINCT),
                GradientSpec.of("reduceMin(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceMin(xs.get(0), p.axes(), p.keepDims()), DISTINCT),
                GradientSpec.of("reduceProd(x, axes...)", Layouts.reduceAxes(), (xs, p) -> reduceProd(xs.get(0), p.axes()), ANY),
                GradientSpec.of("reduceProd(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceProd(xs.get(0), p.axes(), p.keepDims()), ANY),
                GradientSpec.of("reduceVariance(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceVariance(xs.get(0), p.axes(), p.keepDims()), ANY),
                // distinct values: a group of two or more equal values has std 0, where sqrt has no derivative
                GradientSpec.of("reduceStd(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceStd(xs.get(0), p.axes(), p.keepDims()), DISTINCT),
                GradientSpec.of("reduceLogSumExp(x, axes, keepDims)", Layouts.reduce(),
                        (xs, p) -> reduceLogSumExp(xs.get(0), p.axes(), p.keepDims()), ANY),

                GradientSpec.of("cumsum(x, axis)", Layouts.axisOf(1), (xs, p) -> cumsum(xs.get(0), p.axis()), ANY),
                GradientSpec.of("cumsum(x, axis, exclusive, reverse)", Layouts.cumulative(),
                        (xs, p) -> cumsum(xs.get(0), p.axis(), p.exclusive(), p.reverse()), ANY),
                GradientSpec.of("cumprod(x, axis)", Layouts.axisOf(1), (xs, p) -> cumprod(xs.get(0), p.axis()), ANY),
                GradientSpec.of("cumprod(x, axis, exclusive, reverse)", Layouts.cumulative(),
                        (xs, p) -> cumprod(xs.get(0), p.axis(), p.exclusive(), p.reverse()), ANY),

                GradientSpec.of("softmax(x)", Layouts.rankAtLeast(1), (xs, p) -> softmax(xs.get(0)), ANY),
                GradientSpec.of("softmax(x, axis)", Layouts.axisOf(1), (xs, p) -> softmax(xs.get(0), p.axis()), ANY),
                GradientSpec.of("logSoftmax(x)", Layouts.rankAtLeast(1), (xs, p) -> logSoftmax(xs.get(0)), ANY),
                GradientSpec.of("logSoftmax(x, axis)", Layouts.axisOf(1), (xs, p) -> logSoftmax(xs.get(0), p.axis()), ANY),
                // large inputs: the stable formulations must keep gradients finite and right
                GradientSpec.of("softmax(x, axis) of wide values", Layouts.axisOf(1),
                        (xs, p) -> softmax(xs.get(0), p.axis()), WIDE),
                GradientSpec.of("logSoftmax(x, axis) of wide values", Layouts.axisOf(1),
                        (xs, p) -> logSoftmax(xs.get(0), p.axis()), WIDE),
                GradientSpec.of("reduceLogSumExp(x, axes, keepDims) of wide values", Layouts.reduce(),
                        (xs, p) -> reduceLogSumExp(xs.get(0), p.axes(), p.keepDims()), WIDE));
    }
}
