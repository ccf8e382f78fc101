package dev.jtensor.nn.checkpoint;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.NumpyFiles;
import dev.jtensor.SafeTensors;
import dev.jtensor.Tensor;
import dev.jtensor.internal.NpyArrays;
import dev.jtensor.internal.io.AtomicFiles;
import dev.jtensor.internal.io.NpyArray;
import dev.jtensor.internal.io.Npz;
import dev.jtensor.internal.io.SafeTensorsFormat;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Checkpoint files: named tensors in safetensors (the default) or {@code .npz} (by the file's
 * extension). A safetensors checkpoint's {@code __metadata__} is exactly {@value #FORMAT_KEY}
 * {@code = "1"} and {@value #SHA_KEY} (the SHA-256 of the data section), both checked on reading; an
 * {@code .npz} checkpoint relies on the CRC-32 of each zip entry, which reading checks.
 */
final class CheckpointFiles {

    static final String FORMAT_KEY = "jtensor.checkpoint";
    static final String FORMAT_VERSION = "1";
    static final String SHA_KEY = "sha256";

    private CheckpointFiles() {
    }

    /** Whether {@code path} names an {@code .npz} checkpoint (else safetensors). */
    static boolean isNpz(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    /**
     * Writes {@code values} to {@code path} atomically (temporary file in the same directory, forced to
     * disk, renamed); {@code filter} wraps the file's stream (tests make it fail).
     */
    static void write(Path path, Map<String, Tensor> values, UnaryOperator<OutputStream> filter) {
        Map<String, NpyArray> arrays = NpyArrays.of("Checkpoint.save", values);
        if (isNpz(path)) {
            AtomicFiles.replace("checkpoint", path, out -> Npz.write(filter.apply(out), arrays, false));
            return;
        }
        Map<String, String> metadata = Map.of(FORMAT_KEY, FORMAT_VERSION, SHA_KEY, SafeTensorsFormat.dataSha256(arrays));
        AtomicFiles.replace("checkpoint", path, out -> SafeTensorsFormat.write(filter.apply(out), arrays, metadata));
    }

    /**
     * Reads and verifies a checkpoint: a damaged file is an {@link InvalidArgumentException} naming it,
     * raised before anything is restored.
     */
    static Map<String, Tensor> read(Path path) {
        if (isNpz(path)) {
            return NumpyFiles.loadz(path);
        }
        SafeTensors file = SafeTensors.load(path);
        Map<String, String> meta = file.metadata();
        if (!FORMAT_VERSION.equals(meta.get(FORMAT_KEY)) || meta.get(SHA_KEY) == null || meta.size() != 2) {
            throw new InvalidArgumentException("checkpoint " + path + ": its __metadata__ " + new java.util.TreeMap<>(meta)
                    + " is not a jtensor checkpoint's {" + FORMAT_KEY + "=" + FORMAT_VERSION + ", " + SHA_KEY
                    + "=<hex>} (damaged, or another program's file: load it with SafeTensors.load and restore the map)");
        }
        if (!meta.get(SHA_KEY).equals(file.dataSha256())) {
            throw new InvalidArgumentException("checkpoint " + path + ": the data is damaged (its SHA-256 is "
                    + file.dataSha256() + " but the header records " + meta.get(SHA_KEY) + ")");
        }
        return new LinkedHashMap<>(file.tensors());
    }
}
