package dev.jtensor.examples;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The diabetes data set (442 patients, 10 baseline variables, a measure of disease progression a
 * year later; Efron et al. 2004, as shipped by scikit-learn, BSD-3-Clause: see
 * {@code datasets/diabetes/LICENSE.txt} among the resources), read from the class path.
 *
 * @param features 442 rows of the 10 raw (unscaled) variables
 * @param targets  the 442 targets
 */
public record Diabetes(double[][] features, double[] targets) {

    private static final String DIR = "/datasets/diabetes/";

    /** Reads the committed files. */
    public static Diabetes load() {
        List<double[]> rows = read("diabetes_data_raw.csv.gz");
        List<double[]> targets = read("diabetes_target.csv.gz");
        if (rows.size() != 442 || targets.size() != 442 || rows.stream().anyMatch(r -> r.length != 10)) {
            throw new IllegalStateException("diabetes: expected 442 rows of 10 features and 442 targets, got "
                    + rows.size() + " and " + targets.size());
        }
        return new Diabetes(rows.toArray(double[][]::new), targets.stream().mapToDouble(t -> t[0]).toArray());
    }

    /**
     * The design matrix of a linear regression, float32 {@code (442, 11)}: a column of ones (the
     * bias), then each feature standardised to mean 0 and standard deviation 1 (the population
     * formula, as scikit-learn's {@code StandardScaler}; computed in double precision).
     */
    public Tensor standardizedWithBias() {
        int m = features.length, n = features[0].length;
        float[][] out = new float[m][n + 1];
        for (int j = 0; j < n; j++) {
            double mean = 0, squares = 0;
            for (double[] row : features) mean += row[j];
            mean /= m;
            for (double[] row : features) squares += (row[j] - mean) * (row[j] - mean);
            double std = Math.sqrt(squares / m);
            for (int i = 0; i < m; i++) out[i][j + 1] = (float) ((features[i][j] - mean) / std);
        }
        for (float[] row : out) row[0] = 1;
        return TF.constant(out);
    }

    /** The targets as a float32 column {@code (442, 1)}. */
    public Tensor targetColumn() {
        float[][] column = new float[targets.length][1];
        for (int i = 0; i < targets.length; i++) column[i][0] = (float) targets[i];
        return TF.constant(column);
    }

    private static List<double[]> read(String file) {
        try (InputStream in = Diabetes.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("diabetes: resource " + DIR + file + " is missing from the class path");
            }
            var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
            List<double[]> rows = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("diabetes: cannot read " + file, e);
        }
    }
}
