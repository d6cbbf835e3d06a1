package org.tesseracrm.cli;

import java.net.URI;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerAddressTest {

    @Test
    void aLocalhostSubdomainGoesToLoopbackWithItsHostHeader() {
        ServerAddress acme = ServerAddress.of("http://acme.localhost:8080/");
        assertThat(acme.connectUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(acme.hostHeader()).contains("acme.localhost:8080");
        assertThat(acme.tenant()).isEqualTo("acme");
        assertThat(acme.request("/api/v1/me").build().uri()).isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/me"));
        assertThat(acme.request("/api/v1/me").build().headers().firstValue("Host")).contains("acme.localhost:8080");
    }

    @Test
    void aRealHostIsUsedAsItIs() {
        ServerAddress acme = ServerAddress.of("https://acme.crm.example");
        assertThat(acme.connectUri()).isEqualTo(URI.create("https://acme.crm.example"));
        assertThat(acme.hostHeader()).isEmpty();
        ServerAddress realm = ServerAddress.of("http://localhost:8180/realms/crm");
        assertThat(realm.request("/.well-known/openid-configuration").build().uri())
                .isEqualTo(URI.create("http://localhost:8180/realms/crm/.well-known/openid-configuration"));
    }

    @Test
    void onlyHttpAddressesWithAHost() {
        assertThatThrownBy(() -> ServerAddress.of("acme.localhost:8080")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.of("ftp://acme.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
