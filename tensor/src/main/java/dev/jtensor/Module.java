package dev.jtensor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container of variables, like TensorFlow's {@code tf.Module}: subclasses hold {@link Variable}s
 * in fields, and {@link #variables()} finds them all, including those inside lists, sets, maps,
 * arrays and nested modules.
 *
 * {@snippet :
 * class Dense extends Module {
 *     final Variable w = new Variable(TF.randomNormal(3, 2));
 *     final Variable b = new Variable(TF.zeros(2));
 *     Tensor call(Tensor x) { return TF.matmul(x, w).add(b); }
 * }
 * class Mlp extends Module {
 *     final List<Dense> layers = List.of(new Dense(), new Dense());
 * }
 * new Mlp().trainableVariables();   // the four variables, each once
 * }
 *
 * <p>The order is deterministic: fields sorted by name (superclass fields included), list and array
 * elements in order, map entries sorted by key, set elements in iteration order; each variable
 * appears once, where it is first reached. Static fields are ignored. Subclasses may change the
 * order ({@link #trackedValues()}) and freeze themselves ({@link #tracksTrainable()}).
 */
public abstract class Module {

    /** Every variable reachable from this module's fields. */
    public List<Variable> variables() {
        return collect(false);
    }

    /**
     * The trainable ones among {@link #variables()}, leaving out everything inside a module that
     * {@link #tracksTrainable()} says is frozen.
     */
    public List<Variable> trainableVariables() {
        return collect(true);
    }

    /**
     * The values this module holds, in the order {@link #variables()} visits them: by default its
     * non-static fields sorted by name. A subclass may put its own variables first (Keras layers list
     * their weights in creation order).
     */
    protected List<Object> trackedValues() {
        List<Object> values = new ArrayList<>();
        for (Field f : fieldsOf(getClass())) values.add(read(f, this));
        return values;
    }

    /** Whether this module's variables may be trainable; a frozen Keras layer answers false. */
    protected boolean tracksTrainable() {
        return true;
    }

    private List<Variable> collect(boolean trainableOnly) {
        List<Variable> found = new ArrayList<>();
        collect(this, found, Collections.newSetFromMap(new IdentityHashMap<>()), trainableOnly);
        return List.copyOf(found);
    }

    private static void collect(Object value, List<Variable> found, Set<Object> seen, boolean trainableOnly) {
        if (value == null || !seen.add(value)) {
            return;
        }
        switch (value) {
            case Variable v -> {
                if (!trainableOnly || v.trainable()) found.add(v);
            }
            case Module m -> {
                if (trainableOnly && !m.tracksTrainable()) return;
                for (Object item : m.trackedValues()) collect(item, found, seen, trainableOnly);
            }
            case Map<?, ?> map -> map.entrySet().stream()
                    .sorted(Comparator.comparing(e -> String.valueOf(e.getKey())))
                    .forEach(e -> collect(e.getValue(), found, seen, trainableOnly));
            case Collection<?> items -> items.forEach(item -> collect(item, found, seen, trainableOnly));
            case Object[] items -> {
                for (Object item : items) collect(item, found, seen, trainableOnly);
            }
            default -> { }
        }
    }

    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) fields.add(f);
            }
        }
        fields.sort(Comparator.comparing(Field::getName));
        return fields;
    }

    private static Object read(Field f, Object owner) {
        try {
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Module: cannot read field " + f + " (open its package to dev.jtensor "
                    + "if it is in a named module)", e);
        }
    }
}
