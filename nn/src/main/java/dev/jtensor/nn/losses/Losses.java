package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.internal.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Losses by Keras's names, as {@code compile(loss="...")} resolves them.
 *
 * {@snippet :
 * Loss loss = Losses.get("sparse_categorical_crossentropy");   // from probabilities, as in Keras
 * Loss mse = Losses.get("mse");
 * }
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> BY_NAME = new LinkedHashMap<>();

    static {
        register(MeanSquaredError::new, "mean_squared_error", "mse", "MSE", "MeanSquaredError");
        register(MeanAbsoluteError::new, "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError");
        register(Huber::new, "huber", "huber_loss", "Huber");
        register(BinaryCrossentropy::new, "binary_crossentropy", "BinaryCrossentropy");
        register(CategoricalCrossentropy::new, "categorical_crossentropy", "CategoricalCrossentropy");
        register(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy",
                "SparseCategoricalCrossentropy");
    }

    private Losses() {
    }

    private static void register(Supplier<Loss> factory, String... names) {
        for (String name : names) BY_NAME.put(name, factory);
    }

    /**
     * A new loss with Keras's defaults for {@code name} (probabilities, not logits; reduction
     * {@code SUM_OVER_BATCH_SIZE}).
     *
     * @throws InvalidArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        Inputs.nonNull(name, "Losses.get", "name");
        Supplier<Loss> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new InvalidArgumentException("Losses.get: unknown loss '" + name + "'; known losses: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return factory.get();
    }
}
