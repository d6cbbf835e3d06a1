package org.tesseracrm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.tesseracrm.cli.login.Credentials;
import org.tesseracrm.cli.login.DeviceAuthorization;
import org.tesseracrm.cli.login.DeviceLogin;
import org.tesseracrm.cli.login.Realm;
import org.tesseracrm.cli.login.Tokens;
import org.tesseracrm.client.api.MeApi;
import org.tesseracrm.client.model.Me;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tessera login}: the OAuth 2.0 device authorization grant (RFC 8628) against the tenant's Keycloak realm. The
 * person opens the printed address in any browser, types the code and logs in there as usual; the CLI never sees
 * their password. The tokens go to the credentials file (0600).
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = {
        "Log in to your tenant: prints an address and a code to enter in a browser (OAuth 2.0 device grant).",
        "--user/--password use the password grant instead: for the demo and automated tests only, "
                + "never for a person's real password (it would sit in the shell history)."})
public final class Login implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, description = "Your tenant's address: https://acme.crm.example, "
            + "locally http://acme.localhost:8080")
    String server;

    @Option(names = "--issuer", description = "The Keycloak realm (https://id.example/realms/crm); by default read "
            + "from the server's /openapi.")
    String issuer;

    @Option(names = "--client-id", defaultValue = "crm-cli", description = "The realm's client for the CLI "
            + "(default ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--user", description = "Demo/tests only: log in by password grant as this user.")
    String user;

    @Option(names = "--password", description = "Demo/tests only: the password for --user.", arity = "1")
    String password;

    @Override
    public Integer call() throws Exception {
        if ((user == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password go together");
        }
        CliContext context = ((Tessera) spec.root().userObject()).context();
        PrintWriter out = spec.commandLine().getOut();
        ServerAddress address;
        try {
            address = ServerAddress.of(server);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
        }
        String realmIssuer = issuer != null ? issuer : Realm.issuerOf(address);
        Realm realm = Realm.discover(realmIssuer);
        Tokens tokens;
        if (user != null) {
            tokens = realm.password(clientId, user, password);
            if (!tokens.issued()) {
                throw CliFailure.notLoggedIn("The realm refused the login: " + tokens.error()
                        + (tokens.errorDescription() != null ? " (" + tokens.errorDescription() + ")" : ""));
            }
        } else {
            DeviceAuthorization device = realm.authorizeDevice(clientId);
            out.println("To log in, open " + device.verificationUri() + " in a browser and enter the code:");
            out.println();
            out.println("    " + device.userCode());
            out.println();
            if (device.verificationUriComplete() != null) {
                out.println("(or open " + device.verificationUriComplete() + ")");
            }
            out.println("Waiting for you to approve (the code is valid for " + device.expiresIn() / 60
                    + " minutes) ...");
            out.flush();
            tokens = new DeviceLogin(context.clock(), context.sleeper()).await(device,
                    () -> realm.pollDevice(clientId, device));
        }
        Credentials previous = context.credentials().read().orElse(null);
        context.credentials().write(new Credentials(address.toString(), realm.issuer(), realm.tokenEndpoint(),
                clientId, user, null, null, null, null).renewed(tokens, context.clock().instant()));
        // the server's view, which also proves the token fits this tenant; a login it refuses is not kept
        Me me;
        try {
            me = new MeApi(Session.open(context).client()).getMe();
        } catch (Exception e) {
            context.credentials().delete();
            revokeQuietly(realm.issuer(), clientId, tokens.refreshToken());
            throw e;
        }
        context.credentials().write(context.loggedIn().withUsername(me.getUser()));
        if (previous != null && previous.refreshToken() != null) {
            // logging in again replaces the old login: its offline session would otherwise live on unused
            revokeQuietly(previous.issuer(), previous.clientId(), previous.refreshToken());
        }
        out.println("Logged in to " + address + " as " + me.getUser() + " (tenant " + me.getTenant() + "; roles "
                + String.join(", ", me.getRoles()) + ").");
        out.flush();
        return ExitCodes.OK;
    }

    /** Best effort: a session that cannot be ended now ends when it expires. */
    private static void revokeQuietly(String issuer, String clientId, String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        try {
            Realm.discover(issuer).revoke(clientId, refreshToken);
        } catch (Exception e) {
            // nothing to tell the person: the new login is what matters
        }
    }
}
