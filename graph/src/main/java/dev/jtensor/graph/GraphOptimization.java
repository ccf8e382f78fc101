package dev.jtensor.graph;

import java.util.EnumSet;
import java.util.Set;

/**
 * The passes a {@link Session} may apply to the part of a graph a run needs before running it
 * (TensorFlow's Grappler options). Each leaves every fetched value as the unoptimised graph would
 * compute it, bit for bit; turn them off to debug or to measure what each gives. Pruning to what
 * the fetches need is not optional: it is what makes a run a run.
 *
 * {@snippet :
 * try (Session plain = new Session(g, GraphOptimization.NONE)) {       // every op runs as written
 *     plain.run(f);
 * }
 * try (Session noFusion = new Session(g, EnumSet.complementOf(EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION)))) {
 *     noFusion.run(f);
 * }
 * }
 */
public enum GraphOptimization {

    /** Operations whose inputs are all constants are computed once, when the run is planned. */
    CONSTANT_FOLDING,

    /** Operations of one kind on the same inputs are computed once ({@code x*y} written twice). */
    COMMON_SUBEXPRESSION_ELIMINATION,

    /**
     * Chains of elementwise floating-point ops and their broadcasts run as one kernel, one pass over
     * the output with no intermediate tensors.
     */
    ELEMENTWISE_FUSION,

    /**
     * A run writes intermediate results into buffers of intermediates no later operation reads,
     * kept from run to run.
     */
    BUFFER_REUSE,

    /**
     * A variable update ({@code assignAdd}, {@code assignSub}, gradient descent) writes into the
     * variable's buffer when nothing can see the old value any more: no later op of the run reads
     * it, no other run holds it, and it never left a run (fetched, or read outside one).
     */
    IN_PLACE_UPDATES;

    /** Every pass: what a session applies unless told otherwise. */
    public static final Set<GraphOptimization> ALL = Set.copyOf(EnumSet.allOf(GraphOptimization.class));

    /** No pass: every needed operation runs as written. */
    public static final Set<GraphOptimization> NONE = Set.of();
}
