/**
 * Test support for jtensor's own modules: {@link dev.jtensor.testkit.TestBackend}, a device backend
 * ({@code test:0}, {@code test:1}) whose buffers wrap host arrays, whose kernels run the scalar
 * reference, and which counts transfers and kernel calls. It registers itself through
 * {@code META-INF/services}, so a module that has this artifact on its test class path sees the two
 * devices. Not for applications.
 */
package dev.jtensor.testkit;
