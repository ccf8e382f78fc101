package dev.jtensor.examples;

import dev.jtensor.DType;
import dev.jtensor.Settings;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.data.LabeledData;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import dev.jtensor.spark.Example;
import dev.jtensor.spark.SparkTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The digits MLP of {@link Digits} trained on Apache Spark: the training examples as an RDD of four
 * partitions, {@link SparkTrainer} running each step's gradients on the executors and the update on
 * the driver, then the driver's model evaluated on the held-out fifth. The master is {@code
 * local[2]} unless {@code spark.master} says otherwise (spark-submit sets it).
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.SparkDigits
 * -Dexec.classpathScope=compile} (Spark is a provided dependency, and the Maven JVM has Spark's
 * options from {@code .mvn/jvm.config}).
 */
public final class SparkDigits {

    private SparkDigits() {
    }

    /** The model every JVM builds: 64-128-10, Adam, sparse crossentropy from logits (seeded on the calling thread). */
    static Model mlp() {
        try (var seed = Settings.withSeed(1)) {
            Sequential model = new Sequential(new InputLayer(64), new Dense(128, "relu"), new Dense(10));
            model.compile(new Adam(3e-3), new SparseCategoricalCrossentropy(true), "accuracy");
            return model;
        }
    }

    /** The examples of {@code data}: 64 pixel values and the class id. */
    static List<Example> examples(LabeledData data) {
        float[] pixels = data.features().toFloatArray();
        int[] labels = data.labels().toIntArray();
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            float[] f = new float[64];
            System.arraycopy(pixels, i * 64, f, 0, 64);
            out.add(Example.of(f, labels[i]));
        }
        return out;
    }

    /** Trains for {@code epochs} epochs on Spark; returns the test loss and accuracy. */
    public static Map<String, Double> train(JavaSparkContext jsc, int epochs, int verbose) {
        LabeledData.TrainTest data = Digits.data();
        JavaRDD<Example> train = jsc.parallelize(examples(data.train()), 4).persist(StorageLevel.MEMORY_AND_DISK());
        SparkTrainer trainer = new SparkTrainer(SparkDigits::mlp).targetDType(DType.INT32).batchSize(64).epochs(epochs)
                .seed(1).verbose(verbose, System.out);
        trainer.fit(train);
        train.unpersist();
        return trainer.model().evaluate(data.test().features(), data.test().labels());
    }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setAppName("jtensor digits").setIfMissing("spark.master", "local[2]")
                .setIfMissing("spark.ui.enabled", "false");
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            jsc.setLogLevel("WARN");
            System.out.println("MLP on Spark, test: " + train(jsc, 20, 2));
        }
    }
}
