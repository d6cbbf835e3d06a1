package org.tesseracrm.web.console.shell;

import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.identity.ConsoleLogin;
import org.tesseracrm.web.identity.ConsoleSession;
import org.tesseracrm.web.identity.TokenCaller;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The frame of every console page: who is signed in, in which tenant, with which role, and the sign-out form. */
@Named("shell")
@RequestScoped
public class ConsoleShell {

    @Inject
    Callers callers;

    @Inject
    CurrentTenant currentTenant;

    public String getUserName() {
        return callers.token().map(TokenCaller::name).orElse("");
    }

    /**
     * Whether the screens show controls that change records: a tenant role other than read-only. Only a matter of
     * what is shown; the boundaries ({@code RecordAccess}) refuse whoever may not change a record anyway.
     */
    public boolean isCanChange() {
        return callers.token().map(c -> c.groups().stream().anyMatch(role -> !role.equals(Roles.READ_ONLY)
                && Roles.TENANT_ROLES.contains(role))).orElse(false);
    }

    /** Whether the admin screens are shown: a crm-admin (the boundaries check the role again). */
    public boolean isAdmin() {
        return callers.token().map(c -> c.groups().contains(Roles.CRM_ADMIN)).orElse(false);
    }

    public String getTenantName() {
        return currentTenant.get().map(Tenant::name).orElse("");
    }

    public boolean isOperator() {
        return callers.token().map(c -> c.groups().contains(Roles.PLATFORM_OPERATOR)).orElse(false);
    }

    public String getLogoutPath() {
        return ConsoleLogin.LOGOUT_PATH;
    }

    /** The anti-forgery token of the sign-out form. */
    public String getFormToken() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        ConsoleSession signedIn = ConsoleSession.of(request.getSession(false));
        return signedIn == null ? "" : signedIn.formToken();
    }
}
