package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;

/** What the command line refuses before it connects to anything. */
class TenantConfigTest {

    @Test
    void reservedSlugIsRefusedWithExitCodeTwoAndOneLine() {
        Result result = run("provision", "admin", "--name", "X", "--admin-email", "a@x.example");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.strip()).isEqualTo("tenant-config: tenant slug 'admin' is reserved for the platform");
    }

    @Test
    void malformedSlugIsRefused() {
        Result result = run("suspend", "Acme_Co");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.strip()).startsWith("tenant-config: tenant slug 'Acme_Co' must match");
        assertThat(result.err.strip().lines()).hasSize(1);
    }

    @Test
    void newPersonNeedsAnAddressAndATenantRole() {
        assertThat(new NewPerson(" Ann@Example.COM ", null, null, "sales-rep").username())
                .isEqualTo("ann@example.com");
        assertThatThrownBy(() -> new NewPerson("not-an-address", null, null, "sales-rep"))
                .hasMessageContaining("not an email address");
        assertThatThrownBy(() -> new NewPerson("a@b.example", null, null, "platform-operator"))
                .hasMessageContaining("role 'platform-operator' is not one of");
    }

    @Test
    void accessNeedsTheProvisionerSecret() {
        assertThatThrownBy(() -> new TenantIdentities.Access("http://kc", "crm", "crm-provisioner", " "))
                .hasMessageContaining("CRM_PROVISIONER_SECRET");
        assertThat(new TenantIdentities.Access("http://kc/", "crm", "c", "s").url()).isEqualTo("http://kc");
    }

    @Test
    void workerSettingsAreChecked() {
        assertThatThrownBy(() -> new ControlRequestWorker.Settings(0, Duration.ZERO, Duration.ofSeconds(1), "w"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlRequestWorker.Settings(1, Duration.ZERO, Duration.ZERO, "w"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Result(int exitCode, String err) {
    }

    private static synchronized Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = TenantConfig.run(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
