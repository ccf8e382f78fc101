package dev.jtensor.nn;

import dev.jtensor.NumpyFiles;
import dev.jtensor.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The NumPy references that scripts/fixtures/gen_nn_fixtures.py writes, by file and case. */
public record Fixtures(String file, Map<String, Tensor> arrays) {

    /** Loads {@code nn/src/test/resources/dev/jtensor/nn/<file>}. */
    public static Fixtures load(String file) {
        try {
            Path path = Path.of(Fixtures.class.getResource(file).toURI());
            return new Fixtures(file, NumpyFiles.loadz(path));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The array {@code <testCase>__<part>}; a missing one fails with its name. */
    public Tensor get(String testCase, String part) {
        Tensor t = arrays.get(testCase + "__" + part);
        if (t == null) {
            throw new AssertionError(file + " has no array " + testCase + "__" + part);
        }
        return t;
    }

    /** The array {@code <testCase>__<part>}, or null when the case has none. */
    public Tensor optional(String testCase, String part) {
        return arrays.get(testCase + "__" + part);
    }
}
