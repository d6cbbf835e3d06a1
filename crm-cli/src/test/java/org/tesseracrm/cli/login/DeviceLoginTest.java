package org.tesseracrm.cli.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tesseracrm.cli.CliFailure;
import org.tesseracrm.cli.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8628 section 3.5 as the CLI follows it, on a clock that moves only when it sleeps. */
class DeviceLoginTest {

    private Instant now = Instant.parse("2026-12-07T09:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    private DeviceLogin login() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new DeviceLogin(clock, duration -> {
            sleeps.add(duration);
            now = now.plus(duration);
        });
    }

    private static Tokens error(String code) {
        return new Tokens(null, null, null, null, code, null);
    }

    private static final Tokens ISSUED = new Tokens("access", "refresh", 300L, 1800L, null, null);

    private static DeviceLogin.TokenPoll answers(Tokens... answers) {
        Deque<Tokens> queue = new ArrayDeque<>(List.of(answers));
        return queue::removeFirst;
    }

    @Test
    void pollsAtTheIntervalAndSlowsDownByFiveSecondsWhenTold() throws Exception {
        DeviceAuthorization device = new DeviceAuthorization("dc", "ABCD-EFGH", "http://kc/device", null, 600, 2L);
        Tokens tokens = login().await(device, answers(error("authorization_pending"), error("slow_down"),
                error("authorization_pending"), error("slow_down"), ISSUED));
        assertThat(tokens.accessToken()).isEqualTo("access");
        assertThat(sleeps).extracting(Duration::getSeconds).containsExactly(2L, 2L, 7L, 7L, 12L);
    }

    @Test
    void withoutAnIntervalItWaitsFiveSeconds() throws Exception {
        DeviceAuthorization device = new DeviceAuthorization("dc", "ABCD", "http://kc/device", null, 600, null);
        login().await(device, answers(error("authorization_pending"), ISSUED));
        assertThat(sleeps).extracting(Duration::getSeconds).containsExactly(5L, 5L);
    }

    @Test
    void givesUpWhenTheCodeExpires() {
        DeviceAuthorization device = new DeviceAuthorization("dc", "ABCD", "http://kc/device", null, 12, 5L);
        DeviceLogin.TokenPoll pending = () -> error("authorization_pending");
        assertThatThrownBy(() -> login().await(device, pending)).isInstanceOfSatisfying(CliFailure.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN)).hasMessageContaining("expired");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void aDenialOrAnExpiredTokenEndsTheLogin() {
        DeviceAuthorization device = new DeviceAuthorization("dc", "ABCD", "http://kc/device", null, 600, 1L);
        assertThatThrownBy(() -> login().await(device, answers(error("access_denied"))))
                .isInstanceOf(CliFailure.class).hasMessageContaining("denied");
        assertThatThrownBy(() -> login().await(device, answers(error("expired_token"))))
                .isInstanceOf(CliFailure.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> login().await(device, answers(error("invalid_client"))))
                .isInstanceOf(CliFailure.class).hasMessageContaining("invalid_client");
    }
}
