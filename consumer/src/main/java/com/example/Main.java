package com.example;

import static dev.jtensor.TF.constant;
import static dev.jtensor.TF.matmul;
import static dev.jtensor.TF.reduceSum;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.layers.Dense;

/** A tensor op, a gradient and a Keras layer, through jtensor's published artifacts only. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Tensor a = constant(new float[][] {{1, 2}, {3, 4}});
        System.out.println("matmul: " + matmul(a, a));
        Variable x = new Variable(constant(new float[] {1, 2, 3}));
        try (GradientTape tape = new GradientTape()) {
            Tensor y = reduceSum(x.square().mul(3));   // sum of 3x^2
            System.out.println("gradient: " + tape.gradient(y, x)); // 6x
        }
        Dense dense = new Dense(2).kernelInitializer(Initializers.ones());
        System.out.println("dense: " + dense.call(constant(new float[][] {{1, 2, 3}})));   // [[6, 6]]
    }
}
