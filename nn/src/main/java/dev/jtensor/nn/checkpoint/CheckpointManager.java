package dev.jtensor.nn.checkpoint;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.internal.io.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Numbered checkpoints in a directory, keeping the newest few, like TensorFlow's
 * {@code tf.train.CheckpointManager}: {@code ckpt-1.safetensors}, {@code ckpt-2.safetensors}, ...
 * (or {@code .npz}). The directory is the only state: numbering continues after the highest number
 * found, and {@link #latest()} is the highest-numbered complete file. A save that fails or is killed
 * half-way leaves at most a hidden temporary file, which is never taken for a checkpoint, so the
 * previous checkpoint stays the latest and intact.
 *
 * {@snippet :
 * CheckpointManager manager = new CheckpointManager(Checkpoint.of(model, optimizer), Path.of("run"), 3);
 * manager.restoreLatest();                  // resume if a checkpoint exists
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     model.fit(x, y, FitOptions.epochs(1));
 *     manager.save();                       // run/ckpt-N.safetensors; only the 3 newest remain
 * }
 * }
 */
public final class CheckpointManager {

    private static final Pattern NAME = Pattern.compile("ckpt-([0-9]{1,18})\\.(safetensors|npz)");

    private final Checkpoint checkpoint;
    private final Path directory;
    private final int maxToKeep;
    private final String extension;

    /** Keeps {@code maxToKeep} safetensors checkpoints in {@code directory} (created if missing). */
    public CheckpointManager(Checkpoint checkpoint, Path directory, int maxToKeep) {
        this(checkpoint, directory, maxToKeep, false);
    }

    /** As {@link #CheckpointManager(Checkpoint, Path, int)}, writing {@code .npz} files when {@code npz}. */
    public CheckpointManager(Checkpoint checkpoint, Path directory, int maxToKeep, boolean npz) {
        if (checkpoint == null || directory == null || maxToKeep < 1) {
            throw new InvalidArgumentException("CheckpointManager: needs a checkpoint, a directory and maxToKeep >= 1, "
                    + "got " + checkpoint + ", " + directory + ", " + maxToKeep);
        }
        this.checkpoint = checkpoint;
        this.directory = directory;
        this.maxToKeep = maxToKeep;
        this.extension = npz ? "npz" : "safetensors";
    }

    /** The directory's checkpoints, oldest first. */
    public List<Path> checkpoints() {
        if (!Files.isDirectory(directory)) return List.of();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> number(p) > 0 && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(CheckpointManager::number)).toList();
        } catch (IOException e) {
            throw FileErrors.reading("checkpoint", directory, e);
        }
    }

    /** The newest checkpoint, if any. */
    public Optional<Path> latest() {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Saves the next numbered checkpoint, then deletes all but the {@code maxToKeep} newest.
     *
     * @return the new file
     */
    public Path save() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw FileErrors.writing("checkpoint", directory, e);
        }
        long next = latest().map(CheckpointManager::number).orElse(0L) + 1;
        Path file = checkpoint.save(directory.resolve("ckpt-" + next + "." + extension));
        List<Path> all = checkpoints();
        for (Path old : all.subList(0, Math.max(0, all.size() - maxToKeep))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UncheckedIOException("checkpoint: saved " + file + " but cannot delete the old " + old
                        + ": " + e.getMessage(), e);
            }
        }
        return file;
    }

    /**
     * Restores the newest checkpoint, if there is one.
     *
     * @return the file restored, or empty when the directory has none
     */
    public Optional<Path> restoreLatest() {
        Optional<Path> latest = latest();
        latest.ifPresent(checkpoint::restore);
        return latest;
    }

    /** The number of {@code ckpt-N.ext}, or -1 for other files. */
    private static long number(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
