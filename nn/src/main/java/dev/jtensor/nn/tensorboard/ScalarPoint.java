package dev.jtensor.nn.tensorboard;

import dev.jtensor.InvalidArgumentException;

/**
 * One scalar of an event file: its tag, step, the wall time of its event (seconds since the epoch)
 * and its value.
 *
 * @param tag the summary's tag ({@code epoch_loss})
 * @param step the step it was written at
 * @param wallTime the event's wall time in seconds
 * @param value the value
 */
public record ScalarPoint(String tag, long step, double wallTime, double value) {

    /** @throws InvalidArgumentException if {@code tag} is null */
    public ScalarPoint {
        if (tag == null) throw new InvalidArgumentException("ScalarPoint: tag is null");
    }
}
