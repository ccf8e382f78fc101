package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.BufferSource;
import dev.jtensor.ops.VariableHandle;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's buffers: what {@link Execution} installs as the {@link BufferSource} while it runs.
 *
 * <p><b>Buffer reuse.</b> Outputs are written into spare buffers of their size ({@link BufferReuse}),
 * and a buffer goes back once no slot that can see it (the value itself, or a view of it: a
 * reshape, a broadcast) will be read again. Values that leave the run are never given back: fetched
 * ones, which the caller holds, and the inputs of ops that may keep them (an assigned value becomes
 * the variable's; a call's body may assign its inputs).
 *
 * <p><b>In-place updates.</b> The run reads variables by {@link VariableHandle#hold holding} them,
 * so their values stay private; an update writes the variable's buffer in place when it is private,
 * no other run holds it, and no slot of this run that sees it is read after the update. The new
 * value is private again unless it leaves the run (fetched, or kept by an op), and any
 * read outside a run ({@link VariableHandle#value()}) makes it public.
 */
final class RunBuffers implements BufferSource {

    private final BufferReuse spares;
    private final boolean inPlace;
    private final Tensor[] values;
    private final int[] lastRead;
    private int node;
    /** Buffers lent for the node now computing; how many live slots see each lent buffer. */
    private final Map<Object, Boolean> lent = new IdentityHashMap<>();
    private final Map<Object, int[]> seers = new IdentityHashMap<>();
    /** The variables this run holds or updated: {holds in all, holds of its own to release}. */
    private final Map<VariableHandle, int[]> variables = new LinkedHashMap<>();

    /**
     * @param spares   the execution's spares, or null without buffer reuse
     * @param inPlace  whether updates may write in place
     * @param values   the run's slots (this reads them)
     * @param lastRead per slot, the last node that reads it ({@code Integer.MAX_VALUE}: it leaves the run)
     */
    RunBuffers(BufferReuse spares, boolean inPlace, Tensor[] values, int[] lastRead) {
        this.spares = spares;
        this.inPlace = inPlace;
        this.values = values;
        this.lastRead = lastRead;
    }

    /** The node about to run. */
    void at(int node) {
        this.node = node;
    }

    /** The caller held {@code variable} once for this run (a traced call's captured read). */
    void held(VariableHandle variable) {
        variables.computeIfAbsent(variable, v -> new int[2])[0]++;
    }

    @Override
    public Object allocate(Backend backend, Class<?> type, int size) {
        if (spares == null || backend != Backends.cpu() || size < BufferReuse.MIN_ELEMENTS) {
            return backend.allocate(type, size);
        }
        Object buffer = spares.take(type, size);
        if (buffer == null) buffer = backend.allocate(type, size);
        lent.put(buffer, true);
        return buffer;
    }

    @Override
    public Tensor read(VariableHandle variable) {
        if (!inPlace) return variable.value();
        Tensor value = variable.hold();
        int[] holds = variables.computeIfAbsent(variable, v -> new int[2]);
        holds[0]++;
        holds[1]++;
        return value;
    }

    @Override
    public Object updateBuffer(VariableHandle variable, Backend backend, Class<?> type, int size) {
        int[] holds = variables.get(variable);
        if (inPlace && variable.mayOverwrite(holds == null ? 0 : holds[0]) && !seenLater(variable.privateBuffer())) {
            return variable.privateBuffer();
        }
        return backend.allocate(type, size);
    }

    @Override
    public void updated(VariableHandle variable) {
        if (!inPlace) return;
        variable.makePrivate();
        variables.computeIfAbsent(variable, v -> new int[2]);
    }

    /** Whether a slot computed so far that is read after this node sees {@code buffer}. */
    private boolean seenLater(Object buffer) {
        for (int s = 0; s < node; s++) {
            if (values[s] != null && lastRead[s] > node && buffer(values[s]) == buffer) return true;
        }
        return false;
    }

    /**
     * After a node ran: its value is a new live slot. Buffers lent for it that it does not hold (a
     * kernel's scratch) are spare again.
     */
    void computed(Tensor value) {
        Object data = buffer(value);
        if (!lent.isEmpty()) {
            for (Object buffer : lent.keySet()) {
                if (buffer == data) {
                    seers.put(buffer, new int[] {0});
                } else if (spares != null) {
                    spares.giveBack(buffer);
                }
            }
            lent.clear();
        }
        int[] count = seers.get(data);
        if (count != null) count[0]++;
    }

    /** {@code value}'s slot will not be read again in this run. */
    void dead(Tensor value) {
        Object data = buffer(value);
        int[] count = seers.get(data);
        if (count != null && --count[0] == 0) {
            seers.remove(data);
            spares.giveBack(data);   // only lent buffers have seers, and only a run with spares lends
        }
    }

    /** {@code value} leaves the run (fetched, or kept by an op): its buffer is never given back nor private. */
    void escaped(Tensor value) {
        Object data = buffer(value);
        seers.remove(data);
        for (VariableHandle v : variables.keySet()) v.revoke(data);
    }

    /** The run ended (or failed): the fetched values leave it, and its holds end. */
    void close(int[] fetches) {
        for (int f : fetches) {
            if (values[f] != null) escaped(values[f]);
        }
        variables.forEach((v, holds) -> {
            for (int k = 0; k < holds[1]; k++) v.release();
        });
    }

    private static Object buffer(Tensor value) {
        return value == null || value.isSymbolic() ? null : TensorAccess.view(value).data();
    }
}
