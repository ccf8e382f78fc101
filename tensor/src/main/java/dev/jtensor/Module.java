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
 * appears once, where it is first reached. Static fields are ignored.
 */
public abstract class Module {

    /** Every variable reachable from this module's fields. */
    public List<Variable> variables() {
        List<Variable> found = new ArrayList<>();
        collect(this, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return List.copyOf(found);
    }

    /** The trainable ones among {@link #variables()}. */
    public List<Variable> trainableVariables() {
        return variables().stream().filter(Variable::trainable).toList();
    }

    private static void collect(Object value, List<Variable> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        switch (value) {
            case Variable v -> found.add(v);
            case Module m -> {
                for (Field f : fieldsOf(m.getClass())) collect(read(f, m), found, seen);
            }
            case Map<?, ?> map -> map.entrySet().stream()
                    .sorted(Comparator.comparing(e -> String.valueOf(e.getKey())))
                    .forEach(e -> collect(e.getValue(), found, seen));
            case Collection<?> items -> items.forEach(item -> collect(item, found, seen));
            case Object[] items -> {
                for (Object item : items) collect(item, found, seen);
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
