/**
 * The closed set of primitive operations and the single point that dispatches them.
 *
 * <p>Every public op of jtensor is either one {@link dev.jtensor.ops.Primitive} or a composition
 * of primitives written in ordinary Java. {@link dev.jtensor.ops.Dispatch#apply} checks a
 * primitive's inputs against its shape and dtype rules, runs it (or lets an {@link
 * dev.jtensor.ops.OpHook} replace the run, as graph tracing does) and reports it to every active
 * hook (as gradient tapes record). This package is the extension surface for interpreters such as
 * automatic differentiation and graph mode; applications use {@link dev.jtensor.TF} and {@link
 * dev.jtensor.Tensor}.
 */
package dev.jtensor.ops;
