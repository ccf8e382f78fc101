package dev.jtensor.proptests;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A catalogue case's inputs as placeholders of a graph, and the feeds that give them the case's values. */
final class GraphCases {

    private GraphCases() {
    }

    /** One placeholder {@code x0, x1, ...} per input, of the input's dtype and shape. */
    static List<Tensor> placeholders(Graph g, List<Tensor> inputs) {
        return placeholders(g, inputs, false);
    }

    /**
     * One placeholder per input, of the input's dtype and rank; its dimensions are the input's, or
     * all {@link Shape#UNKNOWN} when {@code unknownDimensions}.
     */
    static List<Tensor> placeholders(Graph g, List<Tensor> inputs, boolean unknownDimensions) {
        List<Tensor> placeholders = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            Shape shape = unknownDimensions ? unknown(x.shape().rank()) : x.shape();
            placeholders.add(g.placeholder(x.dtype(), shape, "x" + i));
        }
        return placeholders;
    }

    /** Feeds {@code values.get(i)} to {@code placeholders.get(i)}. */
    static Map<Tensor, Tensor> feeds(List<Tensor> placeholders, List<Tensor> values) {
        Map<Tensor, Tensor> feeds = new HashMap<>();
        for (int i = 0; i < placeholders.size(); i++) feeds.put(placeholders.get(i), values.get(i));
        return feeds;
    }

    private static Shape unknown(int rank) {
        int[] dims = new int[rank];
        Arrays.fill(dims, Shape.UNKNOWN);
        return Shape.of(dims);
    }
}
