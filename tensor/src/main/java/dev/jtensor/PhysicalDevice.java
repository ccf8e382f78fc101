package dev.jtensor;

import dev.jtensor.internal.Inputs;

/**
 * A device jtensor can compute on, as TensorFlow's {@code tf.config.list_physical_devices} lists
 * them.
 *
 * @param name       for example {@code /physical_device:CPU:0}
 * @param deviceType {@code CPU} or {@code GPU}
 */
public record PhysicalDevice(String name, String deviceType) {

    public PhysicalDevice {
        Inputs.nonNull(name, "PhysicalDevice", "name");
        Inputs.nonNull(deviceType, "PhysicalDevice", "deviceType");
    }

    @Override
    public String toString() {
        return "PhysicalDevice(name='" + name + "', device_type='" + deviceType + "')";
    }
}
