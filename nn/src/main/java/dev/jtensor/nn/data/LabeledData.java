package dev.jtensor.nn.data;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/**
 * Features and labels of one set of samples, row {@code i} of each belonging together.
 *
 * {@snippet :
 * LabeledData digits = Datasets.digits();
 * LabeledData.TrainTest split = digits.trainTestSplit(0.2, 42);   // 1437 train, 360 test samples
 * Dataset train = split.train().dataset().shuffle(1437, 7).batch(32);
 * }
 *
 * @param features one row per sample (rank at least 1)
 * @param labels   one entry (or row) per sample
 */
public record LabeledData(Tensor features, Tensor labels) {

    /** Checks that both are values (not symbolic) with the same first dimension. */
    public LabeledData {
        Inputs.nonNull(features, "LabeledData", "features");
        Inputs.nonNull(labels, "LabeledData", "labels");
        if (features.isSymbolic() || labels.isSymbolic()) {
            throw new InvalidArgumentException("LabeledData: features and labels must be values, not symbolic tensors");
        }
        if (features.rank() == 0 || labels.rank() == 0 || features.shape().get(0) != labels.shape().get(0)) {
            throw new InvalidArgumentException("LabeledData: features and labels must have the same first dimension, "
                    + "got features shape " + features.shape() + " and labels shape " + labels.shape());
        }
    }

    /** A train and a test part of one data set. */
    public record TrainTest(LabeledData train, LabeledData test) {
        /** @throws InvalidArgumentException if a part is null */
        public TrainTest {
            Inputs.nonNull(train, "LabeledData.TrainTest", "train");
            Inputs.nonNull(test, "LabeledData.TrainTest", "test");
        }
    }

    /** The number of samples. */
    public int size() {
        return features.shape().get(0);
    }

    /** The samples as a dataset of {@code (features[i], labels[i])}. */
    public Dataset dataset() {
        return Dataset.fromTensorSlices(features, labels);
    }

    /**
     * A shuffled split as scikit-learn's {@code train_test_split}: {@code ceil(testFraction * n)}
     * samples go to the test part, the rest to the train part, after a permutation drawn from
     * {@code seed} (the same seed always gives the same split).
     *
     * @param testFraction the share of samples to test on, strictly between 0 and 1
     */
    public TrainTest trainTestSplit(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidArgumentException("LabeledData.trainTestSplit: testFraction must be in (0, 1), got "
                    + testFraction);
        }
        int n = size();
        int testSize = (int) Math.ceil(testFraction * n);
        if (testSize >= n) {
            throw new InvalidArgumentException("LabeledData.trainTestSplit: testFraction " + testFraction + " of " + n
                    + " samples leaves none to train on");
        }
        int[] order = permutation(n, seed);
        int[] test = java.util.Arrays.copyOfRange(order, 0, testSize);
        int[] train = java.util.Arrays.copyOfRange(order, testSize, n);
        return new TrainTest(rows(train), rows(test));
    }

    private LabeledData rows(int[] indices) {
        return new LabeledData(TF.gather(features, indices), TF.gather(labels, indices));
    }

    /** A Fisher-Yates shuffle of {@code 0 .. n-1} driven by SplitMix64. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplitMix64 random = new SplitMix64(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.below(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
