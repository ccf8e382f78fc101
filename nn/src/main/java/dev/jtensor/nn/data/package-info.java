/**
 * Input pipelines and data: {@link dev.jtensor.nn.data.Dataset} ({@code tf.data}'s slices, batch,
 * shuffle, repeat, map, filter, take, prefetch and cardinality), {@link dev.jtensor.nn.data.LabeledData}
 * with a seeded train/test split, and {@link dev.jtensor.nn.data.Datasets#digits()}, scikit-learn's
 * 8x8 handwritten digits.
 *
 * {@snippet :
 * LabeledData.TrainTest split = Datasets.digits().trainTestSplit(0.2, 42);
 * Dataset batches = split.train().dataset().shuffle(2048, 1).batch(64).prefetch(Dataset.AUTOTUNE);
 * }
 */
package dev.jtensor.nn.data;
