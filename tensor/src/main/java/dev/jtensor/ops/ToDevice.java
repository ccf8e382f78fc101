package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Device;
import dev.jtensor.internal.TensorAccess;

/**
 * Copies its input to another device: the one op whose output lives elsewhere than its input
 * ({@link Tensor#to} applies it). The value goes through the host, one download and one upload (a
 * CPU side costs nothing), except a single host element that a double holds exactly (the Java numbers
 * ops take, learning rates): that one is written on the device by the fill kernel, its value a kernel
 * argument, so training steps move no buffers for their constants. Its gradient copies the upstream
 * gradient back, so a model can move data between devices inside a tape.
 *
 * @param device where the output lives
 */
public record ToDevice(Device device) implements Primitive {

    /** Checks that the device exists, so that a bad {@code to} fails where it is written. */
    public ToDevice {
        if (device == null) {
            throw InvalidArgumentException.of("CopyToDevice", "the device is null");
        }
        try {
            Backends.of(device);
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of("CopyToDevice", e.getMessage());
        }
    }

    @Override
    public String name() {
        return "CopyToDevice";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        return inputs[0];
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Backend target = Backends.of(device);
        Tensor in = inputs[0];
        if (target == backend) {
            return in;
        }
        if (backend == Backends.cpu() && output.shape().size() == 1) {
            double value = in.doubleValue();
            if (output.dtype() != dev.jtensor.DType.INT64 || (long) value == in.longValue()) {
                Object buffer = target.allocate(output.dtype().elementClass(), 1);
                target.kernels().fill(1, value, buffer);
                return TensorAccess.wrap(target, output.dtype(), output.shape(), buffer);
            }
        }
        // lay the view out densely on the host (one download for a device source), then upload once
        Primitives.checkFits(Backends.cpu(), output);   // staged on the host
        Object host = output.dtype().allocate(output.shape().size());
        Backends.cpu().kernels().copy(output.shape().toArray(), TensorAccess.hostView(in),
                Primitives.dense(host, output.shape()));
        return TensorAccess.wrap(target, output.dtype(), output.shape(), target.upload(host));
    }
}
