package dev.jtensor.nn.data;

import dev.jtensor.DType;
import dev.jtensor.TF;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Small real data sets shipped with jtensor.
 *
 * {@snippet :
 * LabeledData digits = Datasets.digits();
 * digits.features();   // float32 [1797, 64], pixel values 0..16
 * digits.labels();     // int32 [1797], digits 0..9
 * }
 */
public final class Datasets {
    /** Samples in {@link #digits()}. */
    public static final int DIGITS_SAMPLES = 1797;
    /** Pixels per digit image (8 x 8). */
    public static final int DIGITS_PIXELS = 64;
    private static final String DIGITS_FILE = "digits.csv.gz";

    private Datasets() {
    }

    /**
     * scikit-learn's 8x8 handwritten digits ({@code load_digits()}): 1797 images of the digits 0 to
     * 9, each 64 pixel counts from 0 to 16, row by row. The data is the test set of UCI's "Optical
     * Recognition of Handwritten Digits" (Alpaydin and Kaynak, 1998), as scikit-learn 1.2.1 ships it
     * (licence: {@code dev/jtensor/nn/data/LICENSE.txt} beside the file). Read once and kept.
     *
     * @return features float32 {@code [1797, 64]} and labels int32 {@code [1797]}
     */
    public static LabeledData digits() {
        return DigitsHolder.DIGITS;
    }

    private static final class DigitsHolder {
        static final LabeledData DIGITS = readDigits();
    }

    private static LabeledData readDigits() {
        float[] pixels = new float[DIGITS_SAMPLES * DIGITS_PIXELS];
        int[] labels = new int[DIGITS_SAMPLES];
        try (InputStream raw = Datasets.class.getResourceAsStream(DIGITS_FILE)) {
            if (raw == null) {
                throw new IllegalStateException("Datasets.digits: the resource " + DIGITS_FILE + " is missing");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int row = 0;
            for (String line; (line = in.readLine()) != null; row++) {
                String[] fields = line.split(",");
                if (row >= DIGITS_SAMPLES || fields.length != DIGITS_PIXELS + 1) {
                    throw new IllegalStateException("Datasets.digits: " + DIGITS_FILE + " line " + (row + 1)
                            + " has " + fields.length + " fields (expected " + (DIGITS_PIXELS + 1) + ", "
                            + DIGITS_SAMPLES + " lines)");
                }
                for (int p = 0; p < DIGITS_PIXELS; p++) pixels[row * DIGITS_PIXELS + p] = Float.parseFloat(fields[p]);
                labels[row] = Integer.parseInt(fields[DIGITS_PIXELS].trim());
            }
            if (row != DIGITS_SAMPLES) {
                throw new IllegalStateException("Datasets.digits: " + DIGITS_FILE + " has " + row + " lines, expected "
                        + DIGITS_SAMPLES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets.digits: cannot read " + DIGITS_FILE, e);
        }
        return new LabeledData(TF.constant(pixels, DType.FLOAT32, DIGITS_SAMPLES, DIGITS_PIXELS),
                TF.constant(labels, DType.INT32, DIGITS_SAMPLES));
    }
}
