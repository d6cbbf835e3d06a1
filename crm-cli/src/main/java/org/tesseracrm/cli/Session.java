package org.tesseracrm.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.tesseracrm.cli.login.Credentials;
import org.tesseracrm.cli.login.Realm;
import org.tesseracrm.cli.login.Tokens;
import org.tesseracrm.client.ApiClient;

/**
 * The logged-in person's connection to their tenant: the generated client pointed at the tenant's host, with the
 * access token refreshed by the refresh token when it is about to expire or the server refused it.
 */
public final class Session {

    private final CliContext context;
    private Credentials credentials;
    private final ServerAddress server;
    private final ApiClient client;

    private Session(CliContext context, Credentials credentials) {
        this.context = context;
        this.credentials = credentials;
        this.server = ServerAddress.of(credentials.server());
        this.client = new ApiClient(ServerAddress.httpClient(), ApiClient.createDefaultObjectMapper(),
                server.connectUri().toString());
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> {
            server.hostHeader().ifPresent(host -> request.header("Host", host));
            request.header("Authorization", "Bearer " + this.credentials.accessToken());
        });
    }

    public static Session open(CliContext context) throws IOException, InterruptedException {
        Session session = new Session(context, context.loggedIn());
        if (!session.credentials.accessTokenUsable(context.clock().instant())) {
            session.refresh();
        }
        return session;
    }

    public ApiClient client() {
        return client;
    }

    public ObjectMapper json() {
        return client.getObjectMapper();
    }

    public ServerAddress server() {
        return server;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** New tokens by the refresh token, stored; exit code 3 when the realm no longer accepts it. */
    public void refresh() throws IOException, InterruptedException {
        Instant now = context.clock().instant();
        if (!credentials.refreshable(now)) {
            throw CliFailure.notLoggedIn("Your login has expired: run tessera login again.");
        }
        Tokens tokens = Realm.ofTokenEndpoint(credentials.issuer(), credentials.tokenEndpoint())
                .refresh(credentials.clientId(), credentials.refreshToken());
        if (!tokens.issued()) {
            throw CliFailure.notLoggedIn("Your login has expired or was ended (" + tokens.error()
                    + "): run tessera login again.");
        }
        credentials = credentials.renewed(tokens, now);
        context.credentials().write(credentials);
    }
}
