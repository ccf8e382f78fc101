package dev.jtensor.nn.optimizers.schedules;

import dev.jtensor.InvalidArgumentException;

/** The argument checks the schedules share. */
final class Schedules {

    private Schedules() {
    }

    static void requireRate(String schedule, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(schedule + ": " + what + " must be a finite learning rate >= 0, got " + value);
        }
    }

    static void requireSteps(String schedule, long decaySteps) {
        if (decaySteps <= 0) {
            throw new InvalidArgumentException(schedule + ": decaySteps must be > 0, got " + decaySteps);
        }
    }
}
