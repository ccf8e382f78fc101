package dev.jtensor.bench;

import org.tensorflow.TensorFlow;

/** Prints the version of the native TensorFlow library that TF Java loads, for bench/compare's header. */
public final class TfJavaInfo {

    private TfJavaInfo() {
    }

    /** Prints {@link TensorFlow#version()}. */
    public static void main(String[] args) {
        System.out.println(TensorFlow.version());
    }
}
