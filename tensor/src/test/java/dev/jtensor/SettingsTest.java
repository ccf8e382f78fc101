package dev.jtensor;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.Device;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Settings set for a scope on one thread stay on that thread. */
class SettingsTest {

    @org.junit.jupiter.api.BeforeEach
    void strictByDefault() {
        Settings.setNumpyBehavior(false);
    }

    @Test
    void aScopeSetsAndRestoresOnItsThread() {
        assertFalse(Settings.numpyBehavior());
        try (var numpy = Settings.withNumpyBehavior(true)) {
            assertEquals(DType.FLOAT64, TF.constant(1).add(TF.constant(1.5f)).dtype());
            try (var strict = Settings.withNumpyBehavior(false)) {
                assertThrows(InvalidArgumentException.class, () -> TF.constant(1).add(TF.constant(1.5f)));
            }
            assertTrue(Settings.numpyBehavior(), "the inner scope put the outer value back");
        }
        assertFalse(Settings.numpyBehavior());
    }

    @Test
    void aSeedScopeRepeatsItsSequence() {
        float[] first, second;
        try (var seed = Settings.withSeed(99)) {
            first = TF.randomNormal(3).toFloatArray();
        }
        try (var seed = Settings.withSeed(99)) {
            second = TF.randomNormal(3).toFloatArray();
        }
        assertArrayEquals(first, second);
    }

    @Test
    void scopesOnTwoThreadsAtOnceDoNotLeak() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        float[] expectedA, expectedB;
        try (var s = Settings.withSeed(1)) {
            expectedA = TF.randomNormal(4).toFloatArray();
        }
        try (var s = Settings.withSeed(2)) {
            expectedB = TF.randomNormal(4).toFloatArray();
        }
        CompletableFuture<float[]> a = CompletableFuture.supplyAsync(() -> {
            try (var numpy = Settings.withNumpyBehavior(true); var seed = Settings.withSeed(1)) {
                await(together);                       // both scopes are open now
                assertTrue(Settings.numpyBehavior());
                float[] values = TF.randomNormal(4).toFloatArray();
                await(together);
                assertTrue(Settings.numpyBehavior(), "the other thread's scope did not reach this one");
                return values;
            }
        }, threads);
        CompletableFuture<float[]> b = CompletableFuture.supplyAsync(() -> {
            try (var seed = Settings.withSeed(2); var device = Settings.withDevice(Device.CPU)) {
                await(together);
                assertFalse(Settings.numpyBehavior());
                float[] values = TF.randomNormal(4).toFloatArray();
                await(together);
                return values;
            }
        }, threads);
        assertArrayEquals(expectedA, a.get(30, TimeUnit.SECONDS));
        assertArrayEquals(expectedB, b.get(30, TimeUnit.SECONDS));
        threads.shutdown();
        assertFalse(Settings.numpyBehavior());
    }

    @Test
    void aScopeClosedOnAnotherThreadIsRefused() throws Exception {
        var scope = Settings.withNumpyBehavior(true);
        try {
            var failure = CompletableFuture.runAsync(scope::close).handle((v, e) -> e).get(30, TimeUnit.SECONDS);
            assertNotNull(failure);
            assertTrue(failure.getCause() instanceof IllegalStateException, String.valueOf(failure));
        } finally {
            scope.close();
        }
        assertFalse(Settings.numpyBehavior());
    }

    @Test
    void anUnknownDeviceIsRefusedByName() {
        var e = assertThrows(InvalidArgumentException.class, () -> Settings.withDevice(new Device("gpu", 7)));
        assertTrue(e.getMessage().contains("gpu:7"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> TF.withDevice("not a device:x"));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
