package org.tesseracrm.web.console.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.UUID;

import org.tesseracrm.platform.control.DatabaseOutage;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What a person sees when an Ajax request of the console fails unexpectedly. Without it Faces answers such a request
 * with a partial response the page ignores: the button does nothing and the person does not know why. Other failures
 * of full-page requests are left to the container's error page, which renders the console's error pages
 * (ProblemErrorPage).
 * <ul>
 * <li>An expired or tampered view (e.g. after the session timed out on another tab): the page is loaded again, with
 * a message that the last action was not carried out.</li>
 * <li>A database outage while acting: the page stays, with a message to try again in a few seconds; nothing was
 * written (the transaction rolled back).</li>
 * <li>Anything else: logged with a reference, which the message quotes; the page stays.</li>
 * </ul>
 * A failure while rendering the answer cannot be reported inside it (the partial response is half-written), so the
 * page is loaded again instead; if that fails too, the full-page error page takes over.
 */
public class ConsoleExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = System.getLogger(ConsoleExceptionHandler.class.getName());

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleExceptionHandler(getWrapped().getExceptionHandler());
        }
    }

    public ConsoleExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces != null) {
            boolean ajax = faces.getPartialViewContext().isAjaxRequest();
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext() && !faces.getResponseComplete()) {
                ExceptionQueuedEvent event = events.next();
                Throwable failure = event.getContext().getException();
                if (ajax) {
                    events.remove();
                    handleAjax(faces, failure, event.getContext().getPhaseId());
                } else if (causedBy(failure, ViewExpiredException.class)) {
                    // a form posted without Ajax: the same reload rather than the error page
                    events.remove();
                    reload(faces, "console.error.expired");
                }
            }
        }
        getWrapped().handle();
    }

    private static void handleAjax(FacesContext faces, Throwable failure, PhaseId phase) {
        if (causedBy(failure, ViewExpiredException.class)) {
            reload(faces, "console.error.expired");
        } else if (phase == PhaseId.RENDER_RESPONSE) {
            LOG.log(Level.ERROR, "rendering " + requestPath(faces) + " failed; reloading the page", failure);
            reload(faces, "console.error.reloaded");
        } else if (DatabaseOutage.causedBy(failure)) {
            LOG.log(Level.WARNING, "database unavailable during " + requestPath(faces) + ": " + failure);
            error(faces, "console.error.unavailable");
        } else {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.ERROR, "console action on " + requestPath(faces) + " failed (reference " + reference + ")",
                    failure);
            error(faces, "console.error.failed", reference);
        }
    }

    /** A message at the page's global messages; the answer renders normally, so they are updated with the form. */
    private static void error(FacesContext faces, String key, Object... arguments) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, new Messages().text(key, arguments),
                null));
        faces.validationFailed();
        if (faces.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
            faces.renderResponse();
        }
    }

    /**
     * Loads the page again (an Ajax redirect) at the address the browser shows, so that view parameters such as a
     * 360 page's id survive; the message is kept across the redirect by the Flash.
     */
    private static void reload(FacesContext faces, String key) {
        ExternalContext external = faces.getExternalContext();
        String address = currentAddress((HttpServletRequest) external.getRequest());
        try {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, new Messages().text(key), null));
            external.getFlash().setKeepMessages(true);
            external.responseReset();
            external.redirect(address);
            faces.responseComplete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not reload " + address + ": " + e);
            faces.responseComplete();
        }
    }

    /**
     * The page the request came from: its Referer when that is a console page of this very host (never an address
     * elsewhere: no open redirect), else the address the request was posted to.
     */
    static String currentAddress(HttpServletRequest request) {
        String posted = request.getRequestURI();
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return posted;
        }
        try {
            java.net.URI from = java.net.URI.create(referer);
            String expectedAuthority = request.getServerName() + (request.getServerPort() == 80
                    || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
            boolean sameHost = expectedAuthority.equalsIgnoreCase(from.getRawAuthority())
                    || request.getServerName().equalsIgnoreCase(from.getRawAuthority());
            String path = from.getRawPath();
            if (!sameHost || path == null || !path.startsWith("/console/") || path.contains("..")) {
                return posted;
            }
            return path + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
        } catch (IllegalArgumentException e) {
            return posted;
        }
    }

    private static String requestPath(FacesContext faces) {
        return ((HttpServletRequest) faces.getExternalContext().getRequest()).getRequestURI();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
