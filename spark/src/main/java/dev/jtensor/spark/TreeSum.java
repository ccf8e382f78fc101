package dev.jtensor.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * A tree sum of the partitions' gradient vectors whose result does not depend on task timing.
 * Spark's {@code treeAggregate} merges partial results in the order tasks finish, and float sums
 * depend on their order, so two runs would differ in the last bits. Here each level pairs partial
 * {@code 2k} with {@code 2k+1} ({@code reduceByKey} on {@code index / 2}): one addition of two
 * vectors, which is commutative, so its bits are fixed; levels repeat until at most
 * {@value #DRIVER_FAN_IN} partials remain, which the driver adds in index order. The driver thus
 * receives at most {@value #DRIVER_FAN_IN} vectors whatever the number of partitions.
 */
final class TreeSum {

    static final int DRIVER_FAN_IN = 4;

    private TreeSum() {
    }

    /** A partition's vector (null when its chunk of the step was empty) and its position in the tree. */
    record Partial(int index, float[] values) implements Serializable {
        Partial plus(Partial other) {
            if (values == null) return new Partial(Math.min(index, other.index), other.values);
            if (other.values == null) return new Partial(Math.min(index, other.index), values);
            if (values.length != other.values.length) {
                throw new IllegalStateException("SparkTrainer: partitions " + index + " and " + other.index + " returned "
                        + values.length + " and " + other.values.length + " values; the factory must build the same model"
                        + " on every executor");
            }
            float[] sum = new float[values.length];
            for (int i = 0; i < sum.length; i++) sum[i] = values[i] + other.values[i];
            return new Partial(Math.min(index, other.index), sum);
        }
    }

    /** The sum of every partial's values, or null if all were empty. */
    static float[] sum(JavaRDD<Partial> partials) {
        int count = partials.getNumPartitions();
        JavaPairRDD<Integer, Partial> level = partials.mapToPair(p -> new Tuple2<>(p.index(), p));
        while (count > DRIVER_FAN_IN) {
            count = (count + 1) / 2;
            level = level.mapToPair(kv -> new Tuple2<>(kv._1() / 2, kv._2())).reduceByKey(Partial::plus, count);
        }
        List<Tuple2<Integer, Partial>> rest = new ArrayList<>(level.collect());
        rest.sort(Comparator.comparing(Tuple2::_1));
        Partial total = null;
        for (Tuple2<Integer, Partial> t : rest) total = total == null ? t._2() : total.plus(t._2());
        return total == null ? null : total.values();
    }
}
