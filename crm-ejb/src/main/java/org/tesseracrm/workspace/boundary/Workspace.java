package org.tesseracrm.workspace.boundary;

import java.util.UUID;

import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.workspace.entity.WorkspaceSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The current tenant's settings: everyone reads them, crm-admins change them (checked here, for API and console). */
@ApplicationScoped
@Transactional
public class Workspace {

    /** The settings row's id in the audit trail (there is one row per tenant). */
    static final UUID SETTINGS_ID = new UUID(0, 1);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    AuditTrail audit;

    public WorkspaceSettings settings() {
        // V7 inserts the row; a schema without it (never expected) would read as the defaults' absence: fail loudly
        return tenantData.current().find(WorkspaceSettings.class, true);
    }

    public WorkspaceSettings changeTimeZone(String zone, Long expectedVersion, Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admin-only", "only a crm-admin changes the workspace's settings");
        }
        WorkspaceSettings settings = settings();
        StaleVersion.check("workspace settings", settings.version(), expectedVersion);
        Snapshot before = settings.snapshot();
        // the row's own fields change, so @Version moves without a forced increment
        settings.changeTimeZone(zone, caller.username());
        tenantData.current().flush();
        audit.updated(WorkspaceSettings.OBJECT_TYPE, SETTINGS_ID, before, settings.snapshot(), caller.username());
        return settings;
    }
}
