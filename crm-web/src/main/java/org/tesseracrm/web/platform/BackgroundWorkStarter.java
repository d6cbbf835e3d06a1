package org.tesseracrm.web.platform;

import org.tesseracrm.platform.control.WebModuleStarted;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Starts the application's background work once the web module is up (see {@link WebModuleStarted} for why here). */
@WebListener
public class BackgroundWorkStarter implements ServletContextListener {

    @Inject
    Event<WebModuleStarted> started;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        started.fire(new WebModuleStarted());
    }
}
