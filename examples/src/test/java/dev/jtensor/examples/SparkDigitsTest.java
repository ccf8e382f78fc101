package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The digits MLP trained on Spark (local[2], four partitions) generalises as the in-process one does. */
class SparkDigitsTest {

    @Test
    void theMlpTrainedOnSparkReachesNinetySixPercent() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkDigitsTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            Map<String, Double> result = SparkDigits.train(jsc, 20, 0);
            assertTrue(result.get("accuracy") >= 0.96, "test accuracy " + result);
        }
    }
}
