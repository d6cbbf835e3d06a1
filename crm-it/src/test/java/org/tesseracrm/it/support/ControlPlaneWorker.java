package org.tesseracrm.it.support;

import java.time.Duration;

import org.tesseracrm.tenantconfig.ControlRequestWorker;
import org.tesseracrm.tenantconfig.TenantIdentities;

/** The control plane's real worker, run once on demand: it carries out every request queued so far. */
public final class ControlPlaneWorker {

    private ControlPlaneWorker() {
    }

    public static void runOnce() throws Exception {
        var services = CrmInfrastructure.services();
        try (TenantIdentities identities = TenantIdentities.open(new TenantIdentities.Access(services.keycloak()
                .baseUrl(), "crm", "crm-provisioner", CrmInfrastructure.PROVISIONER_SECRET))) {
            new ControlRequestWorker(services.controlPlane(), identities, new ControlRequestWorker.Settings(3,
                    Duration.ofSeconds(1), Duration.ofSeconds(2), "it")).runOnce();
        }
    }
}
