package dev.jtensor.nn.tensorboard;

import dev.jtensor.InvalidArgumentException;
import java.nio.file.Path;

/**
 * A record of an event file that cannot be read: a checksum that does not match, a truncated
 * record, or data that is not an {@code Event} (TensorFlow's {@code DataLossError: corrupted
 * record at <offset>}). It names the file, the byte offset where the record starts, and how many
 * records before it were read intact.
 */
public final class CorruptRecordException extends InvalidArgumentException {

    private final transient Path file;
    private final long offset;
    private final int record;

    CorruptRecordException(Path file, long offset, int record, String problem, Throwable cause) {
        super(file + ": corrupted record at offset " + offset + " (record " + record + "): " + problem
                + "; the " + record + " record" + (record == 1 ? "" : "s") + " before it are intact", cause);
        this.file = file;
        this.offset = offset;
        this.record = record;
    }

    /** The event file. */
    public Path file() {
        return file;
    }

    /** The byte offset at which the damaged record starts. */
    public long offset() {
        return offset;
    }

    /** The index of the damaged record (the number of intact records before it). */
    public int record() {
        return record;
    }
}
