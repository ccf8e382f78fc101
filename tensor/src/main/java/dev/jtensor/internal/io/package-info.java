/**
 * NumPy's {@code .npy} and {@code .npz} file formats and Hugging Face's safetensors
 * ({@link dev.jtensor.internal.io.SafeTensorsFormat}, with a strict JSON reader for its header),
 * independent of the tensor classes.
 *
 * <p>{@link dev.jtensor.internal.io.NpyArray} is the exchange type: a dtype name, a shape and a flat
 * row-major Java array. {@link dev.jtensor.internal.io.Npy} reads and writes one array, byte-identical
 * to {@code numpy.save}; {@link dev.jtensor.internal.io.Npz} reads and writes named arrays in a zip
 * archive like {@code numpy.savez} and {@code numpy.savez_compressed}. Malformed input always raises
 * {@link dev.jtensor.internal.io.NpyFormatException} with a message that says what was wrong and where;
 * only real I/O failures raise {@link java.io.UncheckedIOException}. {@link dev.jtensor.internal.io.AtomicFiles}
 * (replace a file only once its new contents are complete) and {@link dev.jtensor.internal.io.FileErrors}
 * (file-system failures in words) also serve the graph module's GraphDef files.
 *
 * <p>Internal to jtensor: applications save and load tensors through the {@code dev.jtensor} package.
 */
package dev.jtensor.internal.io;
