package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tesseracrm.tenantconfig.TenantSlug.InvalidTenantSlug;

class TenantSlugTest {

    @Test
    void schemaNameReplacesDashes() {
        assertThat(new TenantSlug("big-co").schemaName()).isEqualTo("t_big_co");
        assertThat(new TenantSlug("acme").schemaName()).isEqualTo("t_acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Acme", "1acme", "acme_co", "acme co", "acme;drop", "www", "admin", "api",
            "acme-", "ac--me", "abcdefghijklmnopqrstuvwxyz12345"})
    void malformedOrReservedSlugsAreRefused(String slug) {
        assertThatThrownBy(() -> new TenantSlug(slug)).isInstanceOf(InvalidTenantSlug.class)
                .hasMessageContaining(slug);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> new TenantSlug(null)).isInstanceOf(InvalidTenantSlug.class);
    }
}
