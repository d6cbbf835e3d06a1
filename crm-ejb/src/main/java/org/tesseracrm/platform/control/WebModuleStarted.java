package org.tesseracrm.platform.control;

/**
 * Fired once when the web module has started (crm-web's {@code BackgroundWorkStarter}); what runs by itself (the mail
 * dispatcher and poller, the sequence schedule, heartbeats, key purges) starts on it.
 * <p>
 * Why not {@code @Initialized(ApplicationScoped.class)}: in the EAR this EJB module's application context starts
 * first, on a deployment thread that is no component of the application, and every task scheduled from there ran
 * without the application's naming context ({@code java:app/jdbc/crm}: "ComponentId is null"); the WAR's own
 * {@code @Initialized} event never reaches this module's beans. The web module's start runs as a component of the
 * application on both Payara Micro and Payara Server.
 */
public record WebModuleStarted() {
}
