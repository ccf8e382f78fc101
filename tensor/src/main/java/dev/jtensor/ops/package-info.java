/**
 * The closed set of primitive operations and the single point that dispatches them.
 *
 * <p>Every public op of jtensor is either one {@link dev.jtensor.ops.Primitive} or a composition
 * of primitives written in ordinary Java. {@link dev.jtensor.ops.Dispatch#apply} checks a
 * primitive's inputs against its shape and dtype rules, picks the backend of the inputs' device,
 * runs it (or lets an {@link dev.jtensor.ops.OpHook} replace the run with a symbolic output, as
 * graph tracing does) and reports it to every hook of the current level (as gradient tapes
 * record). State and randomness are primitives too ({@link dev.jtensor.ops.ReadVariable},
 * {@link dev.jtensor.ops.AssignVariable}, {@link dev.jtensor.ops.ApplyGradientDescent},
 * {@link dev.jtensor.ops.RandomDraw}; {@code stateful()} says so), so an interpreter sees every
 * read, update and draw. This package is the extension surface for interpreters such as automatic
 * differentiation and graph mode; applications use {@link dev.jtensor.TF} and {@link dev.jtensor.Tensor}.
 */
package dev.jtensor.ops;
