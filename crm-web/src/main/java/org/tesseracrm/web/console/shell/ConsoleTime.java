package org.tesseracrm.web.console.shell;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.workspace.boundary.Workspace;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Dates and times as the console shows and reads them: in the tenant's time zone, in the request's locale. A
 * {@code datetime-local} input carries no zone, so what a user types is read in the zone the form names.
 */
@Named("consoleTime")
@RequestScoped
public class ConsoleTime {

    /** The zones a form offers besides the tenant's: enough for a sales team across the usual markets. */
    static final List<String> COMMON_ZONES = List.of("UTC", "Europe/London", "Europe/Berlin", "Europe/Paris",
            "Europe/Madrid", "Europe/Warsaw", "America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "America/Sao_Paulo", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore",
            "Asia/Tokyo", "Australia/Sydney");

    @Inject
    CurrentTenant currentTenant;

    @Inject
    Workspace workspace;

    private ZoneId zone;

    /** The tenant's zone (its settings, read once per request); UTC on the operators' host. */
    public ZoneId zone() {
        if (zone == null) {
            zone = currentTenant.get().isPresent() ? ZoneId.of(workspace.settings().timeZone()) : ZoneOffset.UTC;
        }
        return zone;
    }

    /** The tenant's zone first, then the common ones. */
    public List<String> getZones() {
        String own = zone().getId();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(own),
                COMMON_ZONES.stream().filter(z -> !z.equals(own))).toList();
    }

    /** Date and time for reading, e.g. "3 Dec 2026, 14:05". */
    public String format(OffsetDateTime at) {
        return at == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale()).format(at.atZoneSameInstant(zone()));
    }

    public String formatDate(java.time.LocalDate date) {
        return date == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale())
                        .format(date);
    }

    /**
     * What a user typed in a {@code datetime-local} input, read in {@code zoneId} (the tenant's when blank); null
     * when blank. Refuses an unknown zone or a value that is no date-time with {@link IllegalArgumentException}.
     */
    public OffsetDateTime fromInput(String local, String zoneId) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            ZoneId in = zoneId == null || zoneId.isBlank() ? zone() : ZoneId.of(zoneId);
            return LocalDateTime.parse(local.strip()).atZone(in).toOffsetDateTime();
        } catch (java.time.DateTimeException e) { // also a DateTimeParseException
            throw new IllegalArgumentException("not a date and time: " + local, e);
        }
    }

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Locale.ENGLISH : faces.getViewRoot().getLocale();
    }
}
