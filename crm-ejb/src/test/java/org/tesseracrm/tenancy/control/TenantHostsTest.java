package org.tesseracrm.tenancy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tesseracrm.tenancy.control.TenantHosts.Apex;
import org.tesseracrm.tenancy.control.TenantHosts.Foreign;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;

class TenantHostsTest {

    private final TenantHosts hosts = new TenantHosts("crm.example.com");

    @Test
    void subdomainOfTheBaseDomainIsATenant() {
        assertThat(hosts.classify("acme.crm.example.com")).isEqualTo(new TenantHost("acme"));
        assertThat(hosts.classify("ACME.crm.example.com:8443")).isEqualTo(new TenantHost("acme"));
        assertThat(hosts.classify("big-co.crm.example.com.")).isEqualTo(new TenantHost("big-co"));
    }

    @Test
    void apexCarriesNoTenant() {
        assertThat(hosts.classify("crm.example.com")).isInstanceOf(Apex.class);
        assertThat(hosts.classify("crm.example.com:80")).isInstanceOf(Apex.class);
    }

    @Test
    void anythingElseIsForeign() {
        assertThat(hosts.classify("evil.com")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("a.b.crm.example.com")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("x.crm.example.com")).as("slug too short").isInstanceOf(Foreign.class);
        assertThat(hosts.classify("1acme.crm.example.com")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("acme_x.crm.example.com")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("acmecrm.example.com")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("[::1]:8080")).isInstanceOf(Foreign.class);
        assertThat(hosts.classify(null)).isInstanceOf(Foreign.class);
        assertThat(hosts.classify("")).isInstanceOf(Foreign.class);
    }

    @Test
    void localhostWorksAsDevelopmentBaseDomain() {
        TenantHosts dev = new TenantHosts("localhost");
        assertThat(dev.classify("acme.localhost:8080")).isEqualTo(new TenantHost("acme"));
        assertThat(dev.classify("localhost:8080")).isInstanceOf(Apex.class);
    }

    @Test
    void emptyBaseDomainIsRefused() {
        assertThatThrownBy(() -> new TenantHosts(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
