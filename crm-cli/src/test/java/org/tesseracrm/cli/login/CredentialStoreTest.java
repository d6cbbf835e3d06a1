package org.tesseracrm.cli.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class CredentialStoreTest {

    @TempDir
    Path home;

    @Test
    void storesTokensForItsOwnerOnlyAndForgetsThem() throws Exception {
        CredentialStore store = new CredentialStore(home.resolve("tessera-crm"));
        Credentials stored = new Credentials("http://acme.localhost:8080", "http://localhost:8180/realms/crm",
                "http://localhost:8180/realms/crm/protocol/openid-connect/token", "crm-cli", "acme-rep", "AT", Instant
                        .parse("2026-12-07T09:05:00Z"),
                "RT", Instant.parse("2026-12-07T09:30:00Z"));
        store.write(stored);
        store.write(stored);
        assertThat(store.read()).contains(stored);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
        assertThat(stored.toString()).doesNotContain("AT").doesNotContain("RT");
        assertThat(store.delete()).isTrue();
        assertThat(store.read()).isEmpty();
        assertThat(store.delete()).isFalse();
    }

    @Test
    void theDirectoryFollowsXdgConfigHome() {
        assertThat(CredentialStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x/config")))
                .isEqualTo(Path.of("/x/config/tessera-crm"));
        assertThat(CredentialStore.defaultDirectory(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "tessera-crm"));
    }
}
