package dev.jtensor.nn.optimizers;

import dev.jtensor.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/**
 * Optimizers by name, as Keras's {@code keras.optimizers.get}, with Keras's defaults.
 *
 * {@snippet :
 * Optimizer adam = Optimizers.get("adam");   // new Adam()
 * }
 */
public final class Optimizers {

    private static final List<String> KNOWN = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad");

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras's defaults: {@code "sgd"}, {@code "adam"}, {@code "adamw"},
     * {@code "rmsprop"} or {@code "adagrad"} (any case).
     *
     * @throws InvalidArgumentException for another name, listing the known ones
     */
    public static Optimizer get(String name) {
        if (name == null) {
            throw new InvalidArgumentException("Optimizers.get: name is null; the known ones are " + KNOWN);
        }
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new InvalidArgumentException("Unknown optimizer: '" + name + "'; the known ones are " + KNOWN);
        };
    }
}
