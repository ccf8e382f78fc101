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
 * sets any factor.
 */
public final class ScaledTries implements AroundPropertyHook {

    /** The factor in force for this JVM. */
    static int scale() {
        return Math.max(1, Integer.getInteger("jtensor.proptests.scale", 1));
    }

    /** Applies to every property of the class that adds the hook. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int scale = scale();
        if (scale > 1) {
            context.attributes().tries().ifPresent(tries -> context.attributes().setTries(tries * scale));
        }
        return property.execute();
    }
}
