package dev.jtensor.testkit;

/**
 * Memory of the test device: a host array behind a wrapper, so that a host array reaching the
 * device's kernels (data that skipped an upload) is caught instead of silently working.
 */
public final class TestBuffer {

    final Object array;

    TestBuffer(Object array) {
        this.array = array;
    }

    @Override
    public String toString() {
        return "TestBuffer[" + array.getClass().getComponentType() + " x " + java.lang.reflect.Array.getLength(array) + "]";
    }
}
