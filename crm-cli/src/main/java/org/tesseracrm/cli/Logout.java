package org.tesseracrm.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera logout}: deletes the stored tokens. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the stored login (deletes the "
        + "credentials file).")
public final class Logout implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean deleted = ((Tessera) spec.root().userObject()).context().credentials().delete();
        spec.commandLine().getOut().println(deleted ? "Logged out." : "Not logged in.");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
