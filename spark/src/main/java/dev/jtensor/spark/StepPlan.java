package dev.jtensor.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples of each partition make up each step. An epoch has {@code S = ceil(total / batchSize)}
 * steps. Each partition's examples (shuffled per epoch and partition when asked) are interleaved
 * into one global order by their relative position {@code (i + 1/2) / n} in their partition (ties
 * by partition index), and step {@code k} takes global ranks {@code [k total / S, (k+1) total / S)}:
 * every step holds {@code floor} or {@code ceil(total / S)} examples, every partition contributes in
 * proportion to its size, and each partition's share of a step is a contiguous run of its order,
 * found by binary search without listing the others. The plan depends only on the partition sizes,
 * the batch size and the seed, so the same partitioning gives the same steps.
 */
final class StepPlan implements Serializable {

    private final int[] sizes;
    private final int steps;
    private final boolean shuffle;
    private final long seed;
    private final long total;

    private final long[] checksums;

    StepPlan(int[] sizes, long[] checksums, int batchSize, boolean shuffle, long seed) {
        this.checksums = checksums.clone();
        long total = 0;
        for (int n : sizes) total += n;
        this.total = total;
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

    /** The checksum of partition {@code p}'s examples when the plan was made ({@code TrainingRun.checksum}). */
    long checksum(int p) {
        return checksums[p];
    }

    /** All examples of all partitions. */
    long total() {
        return total;
    }

    /** The examples of step {@code step}, over all partitions. */
    long examples(int step) {
        return firstRank(step + 1) - firstRank(step);
    }

    /** The positions within partition {@code p} of its examples in step {@code step} of epoch {@code epoch}. */
    int[] rows(int p, int epoch, int step) {
        int start = firstWithRank(p, firstRank(step)), end = firstWithRank(p, firstRank(step + 1));
        int[] order = order(p, epoch);
        int[] rows = new int[end - start];
        System.arraycopy(order, start, rows, 0, rows.length);
        return rows;
    }

    private long firstRank(int step) {
        return step * total / steps;
    }

    /** The first position in partition {@code p} whose global rank is at least {@code rank} (its size if none). */
    private int firstWithRank(int p, long rank) {
        int lo = 0, hi = sizes[p];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rank(p, mid) < rank) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * The global rank of position {@code i} of partition {@code p}: how many examples of all
     * partitions lie before it, comparing {@code (2j+1) n_p} with {@code (2i+1) n_q} in integers.
     */
    long rank(int p, int i) {
        long rank = 0;
        long np = sizes[p];
        for (int q = 0; q < sizes.length; q++) {
            long nq = sizes[q];
            if (nq == 0) continue;
            long t = (2L * i + 1) * nq;
            long c = (t + np - 1) / np;                        // ceil(t / n_p)
            rank += Math.min(nq, c / 2);                       // positions j with (2j+1) n_p < t
            if (q < p && t % np == 0 && (t / np) % 2 == 1 && (t / np - 1) / 2 < nq) rank++;   // a tie, earlier partition
        }
        return rank;
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
