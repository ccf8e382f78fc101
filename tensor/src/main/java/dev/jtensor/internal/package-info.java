/**
 * Not API: the frontends behind {@link dev.jtensor.TF} and {@link dev.jtensor.Operand} (dtype rules,
 * broadcasting, composites such as softmax), creation, printing, random draws, thread-scoped
 * settings, and {@link dev.jtensor.internal.TensorAccess}, the bridge through which the op layer
 * reaches tensor storage that the public API keeps private. Public only so that jtensor's other
 * modules (autodiff, graph, nn) can use it; it may change in any release.
 */
package dev.jtensor.internal;
