package org.tesseracrm.web.console.operator;

import java.io.Serializable;
import java.util.List;

import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantAdministration;
import org.tesseracrm.web.api.platform.TenantResponse;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.FollowedRequests;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The operators' tenants: each with its status, and the requests that change them (provision, suspend, resume, delete,
 * restore)
 * through {@link TenantAdministration}, the API's boundary. The control plane's worker carries a request out; the
 * screen follows the requests made from it (polling while one is open) until each succeeded or failed.
 */
@Named("tenants")
@ViewScoped
public class TenantsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One readiness check of the platform, as /health/ready reports it. */
    public record Health(String name, boolean up, String detail) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    @org.eclipse.microprofile.health.Readiness
    jakarta.enterprise.inject.Instance<org.eclipse.microprofile.health.HealthCheck> readiness;

    @Inject
    TenantAdministration administration;

    @Inject
    ControlRequests controlRequests;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private List<TenantResponse> all = List.of();
    private List<Health> health = List.of();
    private final FollowedRequests requests = new FollowedRequests();
    private String slug = "";
    private String name = "";
    private String adminEmail = "";
    private boolean sampleData;

    @PostConstruct
    void init() {
        health = checkHealth(); // once per page view, not on every poll
        refresh();
    }

    /** Reads the tenants and the open requests again (the poll calls it). */
    public void refresh() {
        all = administration.all().stream().map(TenantResponse::of).toList();
        requests.refresh(controlRequests, time);
    }

    public void provision() {
        request("tenantForm", () -> administration.requestProvisioning(slug.strip(), name.strip(), adminEmail.strip(),
                sampleData, callers.name()), "operator.requested.provision");
        if (!jakarta.faces.context.FacesContext.getCurrentInstance().isValidationFailed()) {
            slug = "";
            name = "";
            adminEmail = "";
            sampleData = false;
        }
    }

    public void suspend(String tenant) {
        request(null, () -> administration.requestSuspension(tenant, callers.name()), "operator.requested.suspend");
    }

    public void resume(String tenant) {
        request(null, () -> administration.requestResumption(tenant, callers.name()), "operator.requested.resume");
    }

    /** Deletes with the default grace period; until it ends, "Restore" (a resumption) brings the tenant back. */
    public void delete(String tenant) {
        request(null, () -> administration.requestDeletion(tenant, TenantAdministration.DEFAULT_GRACE_DAYS,
                callers.name()), "operator.requested.delete");
    }

    public String deleteQuestion(String tenant) {
        return messages.text("operator.delete.confirm", tenant, TenantAdministration.DEFAULT_GRACE_DAYS);
    }

    private void request(String form, java.util.function.Supplier<ControlRequest> submit, String doneKey) {
        try {
            ControlRequest made = submit.get();
            requests.add(made, time);
            messages.info(doneKey, made.tenantSlug());
        } catch (InvalidInput e) {
            messages.errorAt(form == null ? null : form + ":" + e.field(), messages.text("record.invalid",
                    messages.text("operator.field." + e.field()), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        refresh();
    }

    /** The platform's readiness checks (database, token keys), as last run (a getter is evaluated several times). */
    public List<Health> getHealth() {
        return health;
    }

    private List<Health> checkHealth() {
        return readiness.stream().map(org.eclipse.microprofile.health.HealthCheck::call).map(r -> new Health(
                r.getName(), r.getStatus() == org.eclipse.microprofile.health.HealthCheckResponse.Status.UP,
                r.getData().map(data -> data.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .sorted().collect(java.util.stream.Collectors.joining(", "))).orElse("")))
                .toList();
    }

    public boolean isWaiting() {
        return requests.isWaiting();
    }

    public List<TenantResponse> getAll() {
        return all;
    }

    public List<FollowedRequests.Progress> getRequests() {
        return requests.getItems();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug == null ? "" : slug;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail == null ? "" : adminEmail;
    }

    public boolean isSampleData() {
        return sampleData;
    }

    public void setSampleData(boolean sampleData) {
        this.sampleData = sampleData;
    }
}
