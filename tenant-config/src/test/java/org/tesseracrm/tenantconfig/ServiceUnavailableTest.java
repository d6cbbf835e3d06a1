package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class ServiceUnavailableTest {

    @Test
    void connectionFailuresAreOutages() {
        assertThat(ServiceUnavailable.isOutage(new SQLException("refused", "08001"))).isTrue();
        assertThat(ServiceUnavailable.isOutage(new SQLException("shutting down", "57P01"))).isTrue();
        assertThat(ServiceUnavailable.isOutage(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(ServiceUnavailable.isOutage(new ServiceUnavailable("Keycloak down", null))).isTrue();
        assertThat(ServiceUnavailable.isOutage(new IllegalStateException("wrapped",
                new ServiceUnavailable("Keycloak down", null)))).isTrue();
    }

    @Test
    void refusalsAreNotOutages() {
        assertThat(ServiceUnavailable.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ServiceUnavailable.isOutage(new IllegalStateException("tenant exists"))).isFalse();
    }

    @Test
    void descriptionIsOneLine() {
        assertThat(ServiceUnavailable.describe(new IllegalStateException("first\nsecond"))).isEqualTo("first");
        assertThat(ServiceUnavailable.describe(new RuntimeException("flyway says\nmore",
                new SQLException("Connection to localhost:1 refused.\nCheck", "08001"))))
                .isEqualTo("database unreachable: Connection to localhost:1 refused.");
    }

    @Test
    void exitCodesTellOutagesFromRefusals() {
        assertThat(TenantConfig.exitCode(new ServiceUnavailable("down", null))).isEqualTo(3);
        assertThat(TenantConfig.exitCode(new IllegalArgumentException("bad slug"))).isEqualTo(2);
        assertThat(TenantConfig.exitCode(new RuntimeException("bug"))).isEqualTo(1);
    }
}
