package dev.jtensor;

import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.NpyArrays;
import dev.jtensor.internal.io.SafeTensorsFormat;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hugging Face's safetensors files ({@code safetensors.numpy.save_file}/{@code load_file}): named
 * tensors and string metadata, readable by the Python {@code safetensors} package, PyTorch, JAX and
 * the Hugging Face hub, and byte-identical to what the reference implementation writes (tensors
 * ordered by descending dtype alignment, then name; the header padded with spaces to 8 bytes;
 * metadata keys sorted). Dtypes: float32, float64, int32, int64 and bool as F32, F64, I32, I64 and
 * BOOL; reading also widens U8, I8, I16, U16 to int32 and U32 to int64.
 *
 * <p>Writes go to a temporary file in the target's directory, are forced to disk and renamed over
 * the target, so a failed save leaves the old file. Reading checks the whole header against the
 * file's size before allocating any tensor (length, UTF-8, JSON, dtypes, shapes, contiguous
 * non-overlapping offsets, a data section ending at the end of the file): a damaged file is an
 * {@link InvalidArgumentException} {@code "safetensors: <file>: <problem>"}; a file-system failure an
 * {@link java.io.UncheckedIOException} saying why in words, as for {@link NumpyFiles}.
 *
 * {@snippet :
 * SafeTensors.save(Path.of("model.safetensors"), Map.of("w", w, "b", b), Map.of("format", "np"));
 * SafeTensors file = SafeTensors.load(Path.of("model.safetensors"));
 * Tensor w2 = file.tensors().get("w");
 * String format = file.metadata().get("format");
 * }
 *
 * @param tensors    the tensors by name, in the file's data order
 * @param metadata   the header's {@code __metadata__} (empty when it has none)
 * @param dataSha256 the SHA-256 of the file's data section (every byte after the header), in lowercase hex
 */
public record SafeTensors(Map<String, Tensor> tensors, Map<String, String> metadata, String dataSha256) {

    /** The record as {@link #load} makes it; the maps are copied and unmodifiable. */
    public SafeTensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Inputs.nonNull(tensors, "SafeTensors", "tensors")));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Inputs.nonNull(metadata, "SafeTensors", "metadata")));
        Inputs.nonNull(dataSha256, "SafeTensors", "dataSha256");
    }

    /** Writes {@code tensors} without metadata. */
    public static void save(Path path, Map<String, ? extends Operand> tensors) {
        write("SafeTensors.save", path, tensors, null);
    }

    /**
     * Writes {@code tensors} with {@code metadata} as the header's {@code __metadata__} (written even
     * when empty, as the reference does for an empty dict).
     */
    public static void save(Path path, Map<String, ? extends Operand> tensors, Map<String, String> metadata) {
        write("SafeTensors.save", path, tensors, Inputs.nonNull(metadata, "SafeTensors.save", "metadata"));
    }

    /** Reads a file. */
    public static SafeTensors load(Path path) {
        SafeTensorsFormat.Contents c = SafeTensorsFormat.read(Inputs.nonNull(path, "SafeTensors.load", "path"));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        c.arrays().forEach((name, a) -> tensors.put(name, NpyArrays.tensor(a)));
        return new SafeTensors(tensors, c.metadata() == null ? Map.of() : c.metadata(), c.dataSha256());
    }

    /** The SHA-256 (lowercase hex) that {@link #dataSha256()} will give for a file of {@code tensors}. */
    public static String dataSha256(Map<String, ? extends Operand> tensors) {
        return SafeTensorsFormat.dataSha256(NpyArrays.of("SafeTensors.dataSha256", tensors));
    }

    private static void write(String method, Path path, Map<String, ? extends Operand> tensors,
                              Map<String, String> metadata) {
        Inputs.nonNull(path, method, "path");
        SafeTensorsFormat.write(path, NpyArrays.of(method, tensors), metadata);
    }
}
