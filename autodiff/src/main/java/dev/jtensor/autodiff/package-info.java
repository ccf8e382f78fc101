/**
 * Reverse-mode automatic differentiation: {@link dev.jtensor.autodiff.Variable},
 * {@link dev.jtensor.autodiff.GradientTape}, the {@link dev.jtensor.autodiff.GradientTable} with
 * one rule per primitive, {@link dev.jtensor.autodiff.Module} for collecting variables, and
 * {@link dev.jtensor.autodiff.CustomGradient}.
 *
 * <p>A tape is an {@link dev.jtensor.ops.OpHook}: while it records, every primitive dispatched on
 * its thread whose inputs depend on a watched value is remembered with its inputs and output.
 * {@code gradient} then walks those records backwards, calling the table's rule for each; the
 * rules are written with the public ops, so the backward pass is itself recorded by any outer
 * tape, which is how nested tapes give higher derivatives.
 */
package dev.jtensor.autodiff;
