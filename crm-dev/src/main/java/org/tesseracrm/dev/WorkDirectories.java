package org.tesseracrm.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Working directories of the services we start: wiped when a run must not inherit the last run's state. */
public final class WorkDirectories {

    private WorkDirectories() {
    }

    /** Deletes the directory and everything in it; nothing happens if it does not exist. */
    public static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
