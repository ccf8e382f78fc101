package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.TF;
import dev.jtensor.accel.Device;
import org.junit.jupiter.api.Test;

/**
 * The properties run where {@code -Djtensor.device} says (the CPU by default, {@code gpu:0} in the
 * {@code tornado-device} execution): without this a device run that silently stayed on the CPU would pass.
 */
class DefaultDeviceTest {

    @Test
    void tensorsAreCreatedOnTheNamedDevice() {
        Device expected = Device.parse(System.getProperty("jtensor.device", "cpu:0"));
        assertEquals(expected, TF.constant(new float[] {1, 2}).device());
        assertEquals(expected, TF.randomNormal(3).mul(2).device());
    }
}
