package dev.jtensor.nn.tensorboard;

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
}
