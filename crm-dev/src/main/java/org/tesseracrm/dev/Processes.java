package org.tesseracrm.dev;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a child process and everything it started, politely first. */
public final class Processes {

    private Processes() {
    }

    /**
     * Until the returned guard is closed, a JVM shutdown (Ctrl-C) stops this process too: covers the window between
     * starting a child and handing it to whoever stops it later.
     */
    public static AutoCloseable stopOnExit(Process process, Duration grace) {
        Thread hook = new Thread(() -> stop(process, grace), "stop-starting-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: nothing to undo
            }
        };
    }

    /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after the grace period. */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
