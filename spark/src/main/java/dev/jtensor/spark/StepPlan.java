package dev.jtensor.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples of each partition make up each step: an epoch has {@code ceil(total / batchSize)}
 * steps, and every partition's examples (shuffled per epoch and partition when asked) are cut into
 * that many consecutive chunks of as equal size as possible; step {@code k} is chunk {@code k} of
 * every partition. Partitions of any sizes thus finish together, and a step's gradient is the mean
 * over exactly the examples in its chunks. The plan depends only on the partition sizes, the
 * batch size and the seed, so the same partitioning gives the same steps.
 */
final class StepPlan implements Serializable {

    private final int[] sizes;
    private final int steps;
    private final boolean shuffle;
    private final long seed;

    StepPlan(int[] sizes, int batchSize, boolean shuffle, long seed) {
        long total = 0;
        for (int n : sizes) total += n;
        this.sizes = sizes.clone();
        this.steps = (int) Math.max(1, (total + batchSize - 1) / batchSize);
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Steps per epoch. */
    int steps() {
        return steps;
    }

    /** The number of partitions. */
    int partitions() {
        return sizes.length;
    }

    /** The examples of partition {@code p}. */
    int size(int p) {
        return sizes[p];
    }

    /** All examples of all partitions. */
    long total() {
        long total = 0;
        for (int n : sizes) total += n;
        return total;
    }

    /** The examples of step {@code step}, over all partitions. */
    long examples(int step) {
        long n = 0;
        for (int p = 0; p < sizes.length; p++) n += end(p, step) - start(p, step);
        return n;
    }

    /** The positions within partition {@code p} of its examples in step {@code step} of epoch {@code epoch}. */
    int[] rows(int p, int epoch, int step) {
        int start = start(p, step), end = end(p, step);
        int[] order = order(p, epoch);
        int[] rows = new int[end - start];
        System.arraycopy(order, start, rows, 0, rows.length);
        return rows;
    }

    private int start(int p, int step) {
        return (int) ((long) step * sizes[p] / steps);
    }

    private int end(int p, int step) {
        return (int) ((long) (step + 1) * sizes[p] / steps);
    }

    /** Partition {@code p}'s examples in epoch {@code epoch}'s order: a Fisher-Yates shuffle, or as stored. */
    private int[] order(int p, int epoch) {
        int[] order = new int[sizes[p]];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)) ^ (0xC2B2AE3D27D4EB4FL * (p + 1)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
