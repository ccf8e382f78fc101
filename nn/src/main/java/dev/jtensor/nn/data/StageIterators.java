package dev.jtensor.nn.data;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The iterators of Dataset's element-wise stages: repeat, map, filter, take. */
final class StageIterators {
    private StageIterators() {
    }

    /** Base for stages that find their next element ahead of time. */
    private abstract static class Lookahead implements Iterator<List<Tensor>> {
        private List<Tensor> ahead;
        private boolean done;

        /** The next element, or null at the end. */
        abstract List<Tensor> advance();

        @Override
        public final boolean hasNext() {
            if (ahead == null && !done) {
                ahead = advance();
                done = ahead == null;
            }
            return !done;
        }

        @Override
        public final List<Tensor> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Dataset: no more elements");
            }
            List<Tensor> element = ahead;
            ahead = null;
            return element;
        }
    }

    /** The input {@code count} times (negative: endlessly); a pass that yields nothing ends it. */
    static final class Repeat extends Lookahead {
        private final Supplier<Iterator<List<Tensor>>> input;
        private final int count;
        private Iterator<List<Tensor>> pass;
        private int passes;
        private boolean passYielded;

        Repeat(Supplier<Iterator<List<Tensor>>> input, int count) {
            this.input = input;
            this.count = count;
        }

        @Override
        List<Tensor> advance() {
            while (true) {
                if (pass != null && pass.hasNext()) {
                    passYielded = true;
                    return pass.next();
                }
                boolean emptyPass = pass != null && !passYielded;
                if (emptyPass || (count >= 0 && passes >= count)) {
                    return null;
                }
                pass = input.get();
                passes++;
                passYielded = false;
            }
        }
    }

    static final class Map extends Lookahead {
        private final Iterator<List<Tensor>> input;
        private final UnaryOperator<List<Tensor>> fn;
        private long index;

        Map(Iterator<List<Tensor>> input, UnaryOperator<List<Tensor>> fn) {
            this.input = input;
            this.fn = fn;
        }

        @Override
        List<Tensor> advance() {
            if (!input.hasNext()) {
                return null;
            }
            List<Tensor> mapped = fn.apply(input.next());
            if (mapped == null || mapped.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidArgumentException("Dataset.map: the function returned " + mapped
                        + " for element #" + index + "; it must return a list of tensors");
            }
            index++;
            return List.copyOf(mapped);
        }
    }

    static final class Filter extends Lookahead {
        private final Iterator<List<Tensor>> input;
        private final Predicate<List<Tensor>> predicate;

        Filter(Iterator<List<Tensor>> input, Predicate<List<Tensor>> predicate) {
            this.input = input;
            this.predicate = predicate;
        }

        @Override
        List<Tensor> advance() {
            while (input.hasNext()) {
                List<Tensor> element = input.next();
                if (predicate.test(element)) return element;
            }
            return null;
        }
    }

    static final class Take extends Lookahead {
        private final Iterator<List<Tensor>> input;
        private final long limit;
        private long taken;

        Take(Iterator<List<Tensor>> input, long limit) {
            this.input = input;
            this.limit = limit;
        }

        @Override
        List<Tensor> advance() {
            if (taken >= limit || !input.hasNext()) {
                return null;
            }
            taken++;
            return input.next();
        }
    }
}
