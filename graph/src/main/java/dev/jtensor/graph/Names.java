package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.Primitive;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A graph's names in use and TensorFlow's rule for making a name unique: the first {@code add}
 * keeps its name, the next ones are {@code add_1}, {@code add_2}, ... (skipping names taken
 * explicitly). Operations and name scopes share one table, as in TensorFlow. Not thread-safe: the
 * graph calls it under its lock.
 */
final class Names {

    /** TensorFlow's rule for operation names (a scope may also end in {@code /}). */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");

    private final Map<String, Integer> inUse = new HashMap<>();

    /** {@code name}, or {@code name_i} with the smallest free {@code i} if it is taken; then taken. */
    String unique(String name) {
        Integer next = inUse.get(name);
        if (next == null) {
            inUse.put(name, 1);
            return name;
        }
        int i = next;
        String candidate;
        do {
            candidate = name + "_" + i++;
        } while (inUse.containsKey(candidate));
        inUse.put(name, i);
        inUse.put(candidate, 1);
        return candidate;
    }

    /**
     * Checks a name given by the caller ({@code what}: "operation name", "scope name", ...).
     *
     * @throws InvalidArgumentException if it is not a valid TensorFlow name
     */
    static String requireValid(String name, String what) {
        if (name == null) {
            throw new InvalidArgumentException("The " + what + " is null");
        }
        if (!VALID.matcher(name).matches() || name.contains("//")) {
            throw new InvalidArgumentException("'" + name + "' is not a valid " + what + " (letters, digits, '.', '_', "
                    + "'-', '/' and '>', not starting with '_', '-', '/' or '>')");
        }
        return name;
    }

    /**
     * The default name of a primitive's operation, as TensorFlow's: the operators give lower-case
     * names ({@code add}, {@code sub}, {@code mul}, {@code truediv}, {@code pow}), other ops
     * their type ({@code MatMul}, {@code Sum}, {@code ReadVariableOp}).
     */
    static String defaultName(Primitive primitive) {
        if (primitive instanceof Binary b) {
            switch (b.op()) {
                case ADD: return "add";
                case SUBTRACT: return "sub";
                case MULTIPLY: return "mul";
                case DIVIDE: return "truediv";
                case POW: return "pow";
                default: break;
            }
        }
        return primitive.name();
    }
}
