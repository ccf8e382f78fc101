package dev.jtensor;

import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.NpyArrays;
import dev.jtensor.internal.io.Npy;
import dev.jtensor.internal.io.Npz;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NumPy's file formats, so data moves to and from Python: {@code .npy} for one array
 * ({@code np.save}/{@code np.load}) and {@code .npz} for several ({@code np.savez},
 * {@code np.savez_compressed}). Files jtensor writes are byte-identical to NumPy's; writes go to a
 * temporary file that replaces the target only when complete, so a failed write leaves the old
 * file intact. Reading accepts format versions 1.0 to 3.0, either byte order and Fortran order;
 * int8/uint8/int16/uint16 widen to int32 and uint32 to int64. A malformed file is an
 * {@link InvalidArgumentException} saying what is wrong where. A file-system failure is an
 * {@link java.io.UncheckedIOException} naming the path and the reason in words
 * ({@code "npy: cannot read data/x.npy: no such file"}, {@code "... the directory data does not exist"},
 * {@code "... permission denied"}, {@code "... it is a directory"}, {@code "... the disk is full"}),
 * whose cause is the {@link java.io.IOException} ({@link java.nio.file.NoSuchFileException}, ...).
 *
 * {@snippet :
 * NumpyFiles.save(Path.of("w.npy"), weights);            // np.load("w.npy") in Python
 * Tensor w = NumpyFiles.load(Path.of("w.npy"));
 * NumpyFiles.savez(Path.of("model.npz"), Map.of("w", w, "b", b), true);
 * Map<String, Tensor> arrays = NumpyFiles.loadz(Path.of("model.npz"));
 * }
 */
public final class NumpyFiles {

    private NumpyFiles() {
    }

    /** Writes one tensor as a {@code .npy} file. */
    public static void save(Path path, Operand tensor) {
        Inputs.nonNull(path, "NumpyFiles.save", "path");
        Npy.write(path, NpyArrays.of(Inputs.nonNull(tensor, "NumpyFiles.save", "tensor").asTensor()));
    }

    /** Reads a {@code .npy} file. */
    public static Tensor load(Path path) {
        return NpyArrays.tensor(Npy.read(Inputs.nonNull(path, "NumpyFiles.load", "path")));
    }

    /** Writes named tensors as a {@code .npz} archive, deflated if {@code compressed}. */
    public static void savez(Path path, Map<String, ? extends Operand> tensors, boolean compressed) {
        Inputs.nonNull(path, "NumpyFiles.savez", "path");
        Npz.write(path, NpyArrays.of("NumpyFiles.savez", tensors), compressed);
    }

    /** Reads a {@code .npz} archive (stored or deflated), in the archive's order. */
    public static Map<String, Tensor> loadz(Path path) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Npz.read(Inputs.nonNull(path, "NumpyFiles.loadz", "path")).forEach((name, a) -> out.put(name, NpyArrays.tensor(a)));
        return out;
    }
}
