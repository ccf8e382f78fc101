package dev.jtensor.nn.tensorboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/** TensorFlow's event file names: {@code events.out.tfevents.<seconds, 10 digits>.<host>}. */
final class EventFileNames {

    private EventFileNames() {
    }

    /** The name of a file started at {@code unixSeconds} on this host. */
    static String name(long unixSeconds) {
        return String.format(Locale.ROOT, "events.out.tfevents.%010d.%s", unixSeconds, hostname());
    }

    /** Whether TensorBoard takes {@code file} for an event file (its name holds {@code tfevents}). */
    static boolean isEventFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().contains("tfevents");
    }

    private static String hostname() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
