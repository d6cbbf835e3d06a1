package org.tesseracrm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.tesseracrm.cli.login.CredentialStore;
import org.tesseracrm.cli.login.Credentials;
import org.tesseracrm.cli.login.DeviceLogin;

/**
 * What every command shares: where the credentials live, the clock and how the device login waits. Tests make one
 * with a temporary directory and run commands in-process.
 */
public record CliContext(Path configDirectory, Clock clock, DeviceLogin.Sleeper sleeper) {

    public static CliContext of(Path configDirectory) {
        return new CliContext(configDirectory, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    public CredentialStore credentials() {
        return new CredentialStore(configDirectory);
    }

    /** The stored login, or exit code 3. */
    public Credentials loggedIn() throws IOException {
        return credentials().read().orElseThrow(() -> CliFailure.notLoggedIn(
                "Not logged in: run tessera login --server https://<tenant>.<crm host>"));
    }
}
