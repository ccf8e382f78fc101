package dev.jtensor;

/**
 * One item of a NumPy-style index for {@link Tensor#get(Index...)}: an integer (drops the axis),
 * a range with optional step (keeps it), a new axis, or an ellipsis. Ranges follow Python's slice
 * rules: negative bounds count from the end, bounds are clipped to the axis, a negative step walks
 * backwards.
 *
 * {@snippet :
 * // NumPy: a[0]        a[:2]              a[1:, ::-1]                               a[..., None]
 * a.get(0); a.get(Index.to(2)); a.get(Index.from(1), Index.step(-1)); a.get(Index.ellipsis(), Index.newAxis());
 * }
 */
public sealed interface Index {

    /** An integer index: picks one element along the axis and removes the axis. */
    record At(int index) implements Index {
    }

    /**
     * A range {@code start:stop:step}; {@code null} bounds mean "from the start" / "to the end" in
     * the direction of the step.
     *
     * @param start first index, or null
     * @param stop  index to stop before, or null
     * @param step  non-zero step
     */
    record Range(Integer start, Integer stop, int step) implements Index {
        public Range {
            if (step == 0) {
                throw InvalidArgumentException.of("StridedSlice", "slice step cannot be zero (start " + start
                        + ", stop " + stop + ")");
            }
        }
    }

    /** Inserts a size-1 axis (NumPy's {@code None} / {@code np.newaxis}). */
    record NewAxis() implements Index {
    }

    /** Stands for as many whole axes as needed (NumPy's {@code ...}). */
    record Ellipsis() implements Index {
    }

    /** {@code i}: one element; negative counts from the end. */
    static Index at(int i) {
        return new At(i);
    }

    /** {@code :}, the whole axis. */
    static Index all() {
        return new Range(null, null, 1);
    }

    /** {@code start:stop}. */
    static Index range(int start, int stop) {
        return new Range(start, stop, 1);
    }

    /** {@code start:stop:step}. */
    static Index range(int start, int stop, int step) {
        return new Range(start, stop, step);
    }

    /** {@code start:}. */
    static Index from(int start) {
        return new Range(start, null, 1);
    }

    /** {@code :stop}. */
    static Index to(int stop) {
        return new Range(null, stop, 1);
    }

    /** {@code ::step}, the whole axis with a step. */
    static Index step(int step) {
        return new Range(null, null, step);
    }

    /** {@code None}: a new size-1 axis. */
    static Index newAxis() {
        return new NewAxis();
    }

    /** {@code ...}: whole axes for every axis not otherwise indexed. */
    static Index ellipsis() {
        return new Ellipsis();
    }
}
