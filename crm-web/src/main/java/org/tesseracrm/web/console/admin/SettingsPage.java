package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;
import org.tesseracrm.workspace.boundary.Workspace;
import org.tesseracrm.workspace.entity.WorkspaceSettings;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The workspace's settings (crm-admin): its time zone, changed through {@link Workspace} at the version shown. */
@Named("settings")
@ViewScoped
public class SettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    @Inject
    Workspace workspace;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private String timeZone;
    private long version;
    private String updatedBy;

    @PostConstruct
    void load() {
        WorkspaceSettings current = workspace.settings();
        timeZone = current.timeZone();
        version = current.version();
        updatedBy = current.updatedBy();
    }

    public void save() {
        try {
            workspace.changeTimeZone(timeZone, version, callers.current());
            messages.info("settings.saved", timeZone);
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "record.stale");
        } catch (InvalidInput e) {
            messages.errorAt("settingsForm:timeZone", messages.text("record.invalid", messages.text(
                    "settings.time-zone"), e.problem()));
            return;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "record.refused");
        }
        load();
    }

    /** UTC first, then the regions' zones by name. */
    public List<String> getZones() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"), ZONES.stream()).toList();
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
