package org.tesseracrm.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.tesseracrm.cli.login.Credentials;
import org.tesseracrm.cli.login.Realm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera logout}: ends the session at the realm and deletes the stored tokens. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "End the login: revokes the refresh token "
        + "at the realm and deletes the credentials file.")
public final class Logout implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliContext context = ((Tessera) spec.root().userObject()).context();
        Optional<Credentials> stored = context.credentials().read();
        if (stored.isPresent() && stored.get().refreshToken() != null) {
            // the refresh token is an offline token: without this its session would outlive the file
            try {
                Realm.discover(stored.get().issuer()).revoke(stored.get().clientId(), stored.get().refreshToken());
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("tessera: could not end the session at " + stored.get().issuer()
                        + " (" + e.getMessage() + "); it ends when it expires");
            }
        }
        boolean deleted = context.credentials().delete();
        spec.commandLine().getOut().println(deleted ? "Logged out." : "Not logged in.");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
