/**
 * Reverse-mode automatic differentiation: {@link dev.jtensor.autodiff.GradientTape}, the
 * {@link dev.jtensor.autodiff.GradientTable} with one rule per primitive,
 * {@link dev.jtensor.autodiff.Backprop} (the reverse walk as a pure function of recorded nodes),
 * {@link dev.jtensor.autodiff.CustomGradient} and {@link dev.jtensor.autodiff.GradientChecker}.
 *
 * <p>A tape is an {@link dev.jtensor.ops.OpHook}: while it records, every primitive dispatched on
 * its thread whose inputs depend on a watched value is remembered with its inputs and output, and
 * every {@link dev.jtensor.ops.ReadVariable} of a trainable variable makes the read value watched.
 * {@code gradient} hands those records to {@code Backprop}, which calls the table's rule for each;
 * the rules are written with the public ops, so the backward pass is itself recorded by any outer
 * tape, which is how nested tapes give higher derivatives. Ops inside a hook level (a custom
 * gradient's forward) are hidden from tapes outside it, which see one {@link dev.jtensor.ops.Call}.
 */
package dev.jtensor.autodiff;
