package dev.jtensor.nn.checkpoint;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a checkpoint's entries against the variables they restore, reporting every difference at once. */
final class Matching {

    private Matching() {
    }

    /** The variables by name, refusing two of one name (a checkpoint could not tell them apart). */
    static Map<String, Variable> byName(List<Variable> variables, String prefix, String owner) {
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Variable v : variables) {
            Variable other = out.putIfAbsent(prefix + v.name(), v);
            if (other != null && other != v) {
                throw new InvalidArgumentException("Checkpoint: " + owner + " has two variables named '" + v.name()
                        + "'; checkpoints name entries by variable, so give them distinct names");
            }
        }
        return out;
    }

    /**
     * Throws, naming {@code file} and listing every missing, unexpected and mismatched entry, unless
     * each variable has an entry of its dtype and shape and each entry is a variable's or in
     * {@code deferred}.
     */
    static void check(Object file, String owner, Map<String, Variable> targets, Map<String, Tensor> values,
                      Set<String> deferred) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        targets.forEach((name, v) -> {
            Tensor t = values.get(name);
            if (t == null) {
                missing.add(name);
            } else if (t.dtype() != v.dtype() || !t.shape().equals(v.shape())) {
                mismatched.add(name + " (file: " + t.dtype() + " " + t.shape() + ", " + owner + ": " + v.dtype() + " "
                        + v.shape() + ")");
            }
        });
        List<String> unexpected = values.keySet().stream()
                .filter(n -> !targets.containsKey(n) && !deferred.contains(n)).sorted().toList();
        if (missing.isEmpty() && mismatched.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("Checkpoint " + file + " does not match " + owner
                + "; nothing was restored:");
        if (!missing.isEmpty()) sb.append("\n  missing from the file: ").append(missing);
        if (!unexpected.isEmpty()) sb.append("\n  unexpected in the file: ").append(unexpected);
        if (!mismatched.isEmpty()) sb.append("\n  mismatched: ").append(String.join(", ", mismatched));
        throw new InvalidArgumentException(sb.toString());
    }
}
