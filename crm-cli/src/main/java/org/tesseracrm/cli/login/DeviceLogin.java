package org.tesseracrm.cli.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.tesseracrm.cli.CliFailure;
import org.tesseracrm.cli.ExitCodes;

/**
 * Waits for the person to approve the device (RFC 8628 section 3.4-3.5): polls the token endpoint every
 * {@code interval} seconds, 5 more after each {@code slow_down}, and gives up when the device code expires or the
 * person denies.
 */
public final class DeviceLogin {

    /** One poll of the token endpoint with the device code. */
    @FunctionalInterface
    public interface TokenPoll {
        Tokens poll() throws Exception;
    }

    /** Sleeping, replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    public DeviceLogin(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Tokens await(DeviceAuthorization authorization, TokenPoll poll) throws Exception {
        Instant deadline = clock.instant().plusSeconds(authorization.expiresIn());
        long interval = authorization.intervalSeconds();
        while (true) {
            sleeper.sleep(Duration.ofSeconds(interval));
            if (!clock.instant().isBefore(deadline)) {
                throw expired();
            }
            Tokens answer = poll.poll();
            if (answer.issued()) {
                return answer;
            }
            switch (answer.error() == null ? "" : answer.error()) {
                case "authorization_pending" -> {
                    // the person has not finished yet
                }
                case "slow_down" -> interval += 5;
                case "access_denied" -> throw CliFailure.notLoggedIn("The login was denied in the browser.");
                case "expired_token" -> throw expired();
                default -> throw new CliFailure(ExitCodes.NOT_LOGGED_IN, "The login failed: " + answer.error()
                        + (answer.errorDescription() != null ? " (" + answer.errorDescription() + ")" : ""));
            }
        }
    }

    private static CliFailure expired() {
        return CliFailure.notLoggedIn("The code expired before the login was approved; run tessera login again.");
    }
}
