package dev.jtensor.proptests;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Multiplies each property's {@code tries} by the system property {@code jtensor.proptests.scale}
 * (default 1), so one switch turns the quick default run into a deep one without editing the
 * tuned per-property counts. Maven's {@code -Pdeep} sets it to 10; {@code -Djtensor.proptests.scale=N}
 * sets any factor, a fraction too (the run on a TornadoVM device, where each op is a kernel launch,
 * takes 0.05); every property keeps at least 10 tries.
 */
public final class ScaledTries implements AroundPropertyHook {

    /** The factor in force for this JVM. */
    static double scale() {
        String value = System.getProperty("jtensor.proptests.scale", "1");
        try {
            double scale = Double.parseDouble(value);
            if (scale > 0) return scale;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("jtensor.proptests.scale: '" + value + "' is not a positive factor such as 10 or 0.05");
    }

    /** Applies to every property of the class that adds the hook. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        double scale = scale();
        if (scale != 1) {
            context.attributes().tries().ifPresent(tries ->
                    context.attributes().setTries((int) Math.max(Math.min(tries, 10), Math.round(tries * scale))));
        }
        return property.execute();
    }
}
