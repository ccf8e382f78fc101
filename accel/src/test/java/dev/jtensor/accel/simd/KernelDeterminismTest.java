package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.KernelProvider;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every kernel of the backend under test (SIMD, or scalar in the scalar-backend execution) gives
 * the same bits cold (interpreted) as compiled, and on 1, 2 or 3 threads: {@link KernelDeterminism}
 * runs in a fresh JVM, since in this one the kernels are long compiled.
 */
class KernelDeterminismTest {

    @Test
    void coldWarmAndThreadCountGiveTheSameBits() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Djtensor.threads=3",
                "-D" + KernelProvider.BACKEND_PROPERTY + "=" + System.getProperty(KernelProvider.BACKEND_PROPERTY, "simd"),
                "-cp", System.getProperty("java.class.path"), KernelDeterminism.class.getName()))
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        String log = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains(" 0 failures"), log);
    }
}
