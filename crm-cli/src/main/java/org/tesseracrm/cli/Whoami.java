package org.tesseracrm.cli;

import org.tesseracrm.client.api.MeApi;
import org.tesseracrm.client.model.Me;
import picocli.CommandLine.Command;

/** {@code tessera whoami}: who the stored login is, as the server sees it (GET /api/v1/me). */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show who you are logged in as.")
public final class Whoami extends ApiCommand {

    @Override
    protected int run(Session session) throws Exception {
        Me me = new MeApi(session.client()).getMe();
        out().println(me.getUser() + " on " + session.server() + " (tenant " + me.getTenant() + "; roles "
                + String.join(", ", me.getRoles()) + ")");
        out().flush();
        return 0;
    }
}
