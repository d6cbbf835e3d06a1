package org.tesseracrm.web.console.shell;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Faces messages in the console's words (the message bundle), in the request's locale. */
@ApplicationScoped
public class Messages {

    public void info(String key, Object... arguments) {
        add(FacesMessage.SEVERITY_INFO, key, arguments);
    }

    public void add(FacesMessage.Severity severity, String key, Object... arguments) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text(key, arguments), null));
    }

    /**
     * An error shown at one input ({@code clientId}, e.g. {@code callForm:outcome}) when the page has it, else with
     * the page's other messages; either way the request counts as failed validation, so a dialog stays open.
     */
    public void errorAt(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean atInput = clientId != null && faces.getViewRoot().findComponent(":" + clientId) != null;
        faces.addMessage(atInput ? clientId : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        faces.validationFailed();
    }

    /** The bundle's text for {@code key} with {@code arguments} filled in. */
    public String text(String key, Object... arguments) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        return MessageFormat.format(bundle.getString(key), arguments);
    }
}
