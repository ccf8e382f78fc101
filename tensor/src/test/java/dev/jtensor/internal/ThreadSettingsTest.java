package dev.jtensor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.accel.Backends;
import dev.jtensor.testkit.TestBackend;
import org.junit.jupiter.api.Test;

/** The {@code -Djtensor.device} value, read as the process-wide default device. */
class ThreadSettingsTest {

    @Test
    void theDevicePropertyNamesABackendOrSaysWhyNot() {
        assertSame(Backends.cpu(), ThreadSettings.deviceNamedBy(null));
        assertSame(Backends.cpu(), ThreadSettings.deviceNamedBy(" "));
        assertEquals(TestBackend.DEVICE_1, ThreadSettings.deviceNamedBy(" test:1 ").device());
        var missing = assertThrows(InvalidArgumentException.class, () -> ThreadSettings.deviceNamedBy("gpu:9"));
        assertTrue(missing.getMessage().startsWith("-Djtensor.device=gpu:9: ") && missing.getMessage().contains("cpu:0"),
                missing.getMessage());
        var garbled = assertThrows(InvalidArgumentException.class, () -> ThreadSettings.deviceNamedBy("gpu:x"));
        assertTrue(garbled.getMessage().startsWith("-Djtensor.device=gpu:x: ") && garbled.getMessage().contains("not a device name"), garbled.getMessage());
    }
}
