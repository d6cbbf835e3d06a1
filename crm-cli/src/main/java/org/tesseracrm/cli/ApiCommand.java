package org.tesseracrm.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.tesseracrm.client.ApiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the API as the logged-in person. A 401 (the token was revoked or the server's clock
 * differs) gets one refresh and one more try; writes send an Idempotency-Key, so the retry cannot write twice.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        Session session = Session.open(context());
        try {
            return run(session);
        } catch (ApiException e) {
            if (e.getCode() != 401) {
                throw e;
            }
            session.refresh();
            return run(session);
        }
    }

    protected abstract int run(Session session) throws Exception;

    protected CliContext context() {
        return ((Tessera) spec.root().userObject()).context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Times in tables: the person's own zone. */
    protected ZoneId zone() {
        return ZoneId.systemDefault();
    }
}
