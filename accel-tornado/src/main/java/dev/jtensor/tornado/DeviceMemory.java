package dev.jtensor.tornado;

import dev.jtensor.accel.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid3D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * One device's memory and launcher. TornadoVM binds a task graph to the objects it was declared
 * with, and keeps an object on the device only between task graphs of one execution plan; so each
 * element type gets one large device array (an arena, {@link Arena} hands out ranges of it), every
 * kernel is one task graph over all four arenas, and all of them form one execution plan. A call
 * writes the kernel's arguments (offsets, shapes, strides) into its graph's small argument arrays,
 * the only data that moves with it, sets its grid and runs that graph. Uploads go through staging
 * arrays and an arena-writing kernel; downloads copy an arena's range back ({@link DataRange}).
 * Calls are serialised: the plan and its argument arrays are shared.
 */
final class DeviceMemory {

    /**
     * TornadoVM's OpenCL build options; jtensor's default drops TornadoVM's {@code -cl-fast-relaxed-math}
     * and {@code -cl-mad-enable}, which make float64 {@code sqrt} float-accurate and NaN and
     * infinity undefined: the kernels must give the reference's values.
     */
    static final String OPENCL_FLAGS_PROPERTY = "tornado.opencl.compiler.flags";

    static final int ARGS = 128, SCALARS = 8, STAGING = 1 << 16, GROUP = 256, MAX_GROUPS = 4096;

    /** The kernels, in graph order; each is a TornadoVM task over (context, args, scalars, four arenas). */
    enum Kernel { UNARY, BINARY, SELECT, COPY, FILL, REDUCE, ARG_REDUCE, CUMULATIVE, MATMUL_TILED, MATMUL, HYPERPARAMETERS, UPDATE, GATHER,
        SEGMENT_SUM, UPLOAD_F32, UPLOAD_F64, UPLOAD_I32, UPLOAD_I64, ZERO }

    private final Device device;
    private final TornadoDevice tornadoDevice;
    private final FloatArray f32;
    private final DoubleArray f64;
    private final IntArray i32;
    private final LongArray i64;
    private final Arena[] arenas = new Arena[4];
    private final IntArray[] args = new IntArray[Kernel.values().length];
    private final DoubleArray[] scalars = new DoubleArray[Kernel.values().length];
    private final WorkerGrid[] grids = new WorkerGrid[Kernel.values().length];
    private final FloatArray stageF32 = new FloatArray(STAGING);
    private final DoubleArray stageF64 = new DoubleArray(STAGING);
    private final IntArray stageI32 = new IntArray(STAGING);
    private final LongArray stageI64 = new LongArray(STAGING);
    private final TornadoExecutionPlan plan;
    private TornadoExecutionResult last;
    /** Where the update kernel finds its hyperparameters: a range of the float64 arena kept for them. */
    final int hyperparameters;
    private boolean initialised;

    final AtomicLong uploads = new AtomicLong(), downloads = new AtomicLong(), bytesUp = new AtomicLong(),
            bytesDown = new AtomicLong(), launches = new AtomicLong();

    DeviceMemory(Device device, TornadoDevice tornadoDevice, long[] capacities) {
        this.device = device;
        this.tornadoDevice = tornadoDevice;
        f32 = new FloatArray((int) capacities[0]);
        f64 = new DoubleArray((int) capacities[1]);
        i32 = new IntArray((int) capacities[2]);
        i64 = new LongArray((int) capacities[3]);
        for (int k = 0; k < 4; k++) arenas[k] = new Arena((int) capacities[k]);
        hyperparameters = arenas[ElementCode.F64].allocate(SCALARS);
        KernelContext context = new KernelContext();
        GridScheduler scheduler = new GridScheduler();
        List<ImmutableTaskGraph> graphs = new ArrayList<>();
        String prefix = "jt" + device.index() + "_";
        for (Kernel k : Kernel.values()) {
            int id = k.ordinal();
            args[id] = new IntArray(ARGS);
            scalars[id] = new DoubleArray(SCALARS);
            String name = prefix + k.name().toLowerCase(java.util.Locale.ROOT);
            TaskGraph g = new TaskGraph(name);
            IntArray a = args[id];
            DoubleArray s = scalars[id];
            if (k == Kernel.ZERO) {
                // run first, once: it allocates the arenas on the device
                g.transferToDevice(DataTransferMode.FIRST_EXECUTION, f32, f64, i32, i64);
                g.transferToDevice(DataTransferMode.EVERY_EXECUTION, a, s);
            } else {
                g.transferToDevice(DataTransferMode.EVERY_EXECUTION, a, s);
                g.consumeFromDevice(f32, f64, i32, i64);
            }
            switch (k) {
                case UNARY -> g.task("t", Elementwise::unary, context, a, s, f32, f64, i32, i64);
                case BINARY -> g.task("t", Elementwise::binary, context, a, s, f32, f64, i32, i64);
                case SELECT -> g.task("t", Elementwise::where, context, a, s, f32, f64, i32, i64);
                case COPY -> g.task("t", Elementwise::copy, context, a, s, f32, f64, i32, i64);
                case FILL, ZERO -> g.task("t", Elementwise::fill, context, a, s, f32, f64, i32, i64);
                case REDUCE -> g.task("t", Reductions::reduce, context, a, s, f32, f64, i32, i64);
                case ARG_REDUCE -> g.task("t", Reductions::argReduce, context, a, s, f32, f64, i32, i64);
                case CUMULATIVE -> g.task("t", Reductions::cumulative, context, a, s, f32, f64, i32, i64);
                case MATMUL_TILED -> g.task("t", LinearAlgebra::matmulTiled, context, a, s, f32, f64, i32, i64);
                case MATMUL -> g.task("t", LinearAlgebra::matmul, context, a, s, f32, f64, i32, i64);
                case HYPERPARAMETERS -> g.task("t", Updates::hyperparameters, context, a, s, f32, f64, i32, i64);
                case UPDATE -> g.task("t", Updates::update, context, a, s, f32, f64, i32, i64);
                case GATHER -> g.task("t", Indexing::gather, context, a, s, f32, f64, i32, i64);
                case SEGMENT_SUM -> g.task("t", Indexing::segmentSum, context, a, s, f32, f64, i32, i64);
                case UPLOAD_F32 -> g.transferToDevice(DataTransferMode.EVERY_EXECUTION, stageF32)
                        .task("t", Indexing::uploadFloat, context, a, stageF32, s, f32, f64, i32, i64);
                case UPLOAD_F64 -> g.transferToDevice(DataTransferMode.EVERY_EXECUTION, stageF64)
                        .task("t", Indexing::uploadDouble, context, a, stageF64, s, f32, f64, i32, i64);
                case UPLOAD_I32 -> g.transferToDevice(DataTransferMode.EVERY_EXECUTION, stageI32)
                        .task("t", Indexing::uploadInt, context, a, stageI32, s, f32, f64, i32, i64);
                case UPLOAD_I64 -> g.transferToDevice(DataTransferMode.EVERY_EXECUTION, stageI64)
                        .task("t", Indexing::uploadLong, context, a, stageI64, s, f32, f64, i32, i64);
            }
            g.persistOnDevice(f32, f64, i32, i64);
            boolean tiled = k == Kernel.MATMUL_TILED || k == Kernel.MATMUL;
            WorkerGrid grid = tiled ? new WorkerGrid3D(LinearAlgebra.TILE, LinearAlgebra.TILE, 1) : new WorkerGrid1D(GROUP);
            grid.setLocalWork(tiled ? LinearAlgebra.TILE : GROUP, tiled ? LinearAlgebra.TILE : 1, 1);
            grids[id] = grid;
            scheduler.addWorkerGrid(name + ".t", grid);
            graphs.add(g.snapshot());
        }
        plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new));
        plan.withGridScheduler(scheduler).withDevice(tornadoDevice)
                .withCompilerFlags(TornadoVMBackendType.OPENCL, System.getProperty(OPENCL_FLAGS_PROPERTY, "-w"));
    }

    Device device() {
        return device;
    }

    /** The bytes of the four arenas. */
    long capacityBytes() {
        return 4L * arenas[0].capacity() + 8L * arenas[1].capacity() + 4L * arenas[2].capacity() + 8L * arenas[3].capacity();
    }

    /** The bytes of live buffers now. */
    long usedBytes() {
        return 4L * arenas[0].used() + 8L * arenas[1].used() + 4L * arenas[2].used() + 8L * arenas[3].used();
    }

    Arena arena(int code) {
        return arenas[ElementCode.arena(code)];
    }

    /** The argument arrays of a kernel, to fill before {@link #launch}; callers hold this object's lock. */
    IntArray args(Kernel k) {
        return args[k.ordinal()];
    }

    DoubleArray scalars(Kernel k) {
        return scalars[k.ordinal()];
    }

    /** Runs a one-dimensional kernel over {@code work} items (grid-stride loops cover the rest). */
    void launch(Kernel k, int work) {
        int groups = Math.max(1, Math.min(MAX_GROUPS, (work + GROUP - 1) / GROUP));
        grids[k.ordinal()].setGlobalWork((long) groups * GROUP, 1, 1);
        run(k);
    }

    /** Runs a tiled kernel over a {@code x * y * z} grid rounded up to whole tiles. */
    void launch3d(Kernel k, int x, int y, int z) {
        int t = LinearAlgebra.TILE;
        grids[k.ordinal()].setGlobalWork((long) (x + t - 1) / t * t, (long) (y + t - 1) / t * t, z);
        run(k);
    }

    private void run(Kernel k) {
        initialise();
        launches.incrementAndGet();
        last = plan.withGraph(k.ordinal()).execute();
    }

    private void initialise() {
        if (!initialised) {
            initialised = true;
            IntArray a = args(Kernel.ZERO);
            a.set(Elementwise.N, 0);
            grids[Kernel.ZERO.ordinal()].setGlobalWork(GROUP, 1, 1);
            last = plan.withGraph(Kernel.ZERO.ordinal()).execute();
        }
    }

    /** A fresh range of {@code size} elements, collecting unreachable buffers once if the arena is full. */
    DeviceBuffer allocate(int code, int size) {
        Arena arena = arena(code);
        int offset = arena.allocate(size);
        for (int attempt = 0; offset < 0 && attempt < 3; attempt++) {
            System.gc();
            try {
                Thread.sleep(20L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            offset = arena.allocate(size);
        }
        if (offset < 0) {
            throw new DeviceMemoryException(device, ElementCode.type(code), size,
                    (long) arena.capacity() - arena.used());
        }
        return new DeviceBuffer(this, code, offset, size);
    }

    /** Copies {@code count} elements of the host array {@code host} from {@code from} into {@code target} at {@code at}. */
    synchronized void write(Object host, int from, int count, DeviceBuffer target, int at) {
        uploads.incrementAndGet();
        bytesUp.addAndGet((long) count * ElementCode.bytes(target.code));
        int arena = ElementCode.arena(target.code);
        Kernel k = switch (arena) {
            case ElementCode.F32 -> Kernel.UPLOAD_F32;
            case ElementCode.F64 -> Kernel.UPLOAD_F64;
            case ElementCode.I32 -> Kernel.UPLOAD_I32;
            default -> Kernel.UPLOAD_I64;
        };
        for (int done = 0; done < count; done += STAGING) {
            int n = Math.min(STAGING, count - done);
            for (int q = 0; q < n; q++) {
                int src = from + done + q;
                switch (host) {
                    case float[] h -> stageF32.set(q, h[src]);
                    case double[] h -> stageF64.set(q, h[src]);
                    case int[] h -> stageI32.set(q, h[src]);
                    case long[] h -> stageI64.set(q, h[src]);
                    case boolean[] h -> stageI32.set(q, h[src] ? 1 : 0);
                    default -> throw new IllegalArgumentException("not a host array: " + host.getClass());
                }
            }
            IntArray a = args(k);
            a.set(Indexing.STAGED, n);
            a.set(Indexing.ARENA_OFFSET, target.offset + at + done);
            launch(k, n);
        }
    }

    /** The first {@code size} elements of {@code buffer} as a new host array of its element type. */
    synchronized Object read(DeviceBuffer buffer, int size) {
        downloads.incrementAndGet();
        bytesDown.addAndGet((long) size * ElementCode.bytes(buffer.code));
        Object host = dev.jtensor.accel.HostArrays.allocate(buffer.elementType(), size);
        if (size == 0) return host;
        initialise();
        TornadoNativeArray source = switch (ElementCode.arena(buffer.code)) {
            case ElementCode.F32 -> f32;
            case ElementCode.F64 -> f64;
            case ElementCode.I32 -> i32;
            default -> i64;
        };
        last.transferToHost(new DataRange(source).withOffset(buffer.offset).withSize(size));
        int off = buffer.offset;
        switch (host) {
            case float[] h -> { for (int q = 0; q < size; q++) h[q] = f32.get(off + q); }
            case double[] h -> { for (int q = 0; q < size; q++) h[q] = f64.get(off + q); }
            case int[] h -> { for (int q = 0; q < size; q++) h[q] = i32.get(off + q); }
            case long[] h -> { for (int q = 0; q < size; q++) h[q] = i64.get(off + q); }
            case boolean[] h -> { for (int q = 0; q < size; q++) h[q] = i32.get(off + q) != 0; }
            default -> throw new AssertionError(host);
        }
        return host;
    }
}
