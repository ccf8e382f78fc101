package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code DoubleGemm.java} is {@code FloatGemm.java} with float replaced by double, kept by hand
 * rather than through generics (which the Vector API makes slow). This test redoes the replacement
 * and compares; on a mismatch it writes the expected text to {@code target/DoubleGemm.java}.
 */
class DoubleGemmTest {

    /** The sources, from the accel module (where Maven runs its tests) or from the project root. */
    private static final Path DIR = Files.isDirectory(Path.of("src/main/java/dev/jtensor/accel/simd"))
            ? Path.of("src/main/java/dev/jtensor/accel/simd") : Path.of("accel/src/main/java/dev/jtensor/accel/simd");

    /** The float source turned into the double one. */
    static String toDouble(String floatSource) {
        return floatSource
                .replace("FloatVector", "DoubleVector")
                .replace("VectorSpecies<Float>", "VectorSpecies<Double>")
                .replace("float[]", "double[]")
                .replace("new float[", "new double[")
                .replace("float sum", "double sum")
                .replaceAll("\\b0f\\b", "0.0")
                .replace("FloatGemm", "DoubleGemm")
                .replace("float32", "float64")
                .replace("in float", "in double")
                .replace("KC = 512,", "KC = 256,");
    }

    @Test
    void doubleEngineIsTheFloatEngineForDoubles() throws IOException {
        assumeTrue(Files.isDirectory(DIR), "sources not found from " + Path.of("").toAbsolutePath());
        String expected = toDouble(Files.readString(DIR.resolve("FloatGemm.java")));
        String actual = Files.readString(DIR.resolve("DoubleGemm.java"));
        if (!expected.equals(actual)) {
            Path written = DIR.resolve("../../../../../../../target/DoubleGemm.java").normalize();
            Files.writeString(written, expected);
            fail("DoubleGemm.java is out of step with FloatGemm.java; the expected text is in " + written);
        }
    }
}
