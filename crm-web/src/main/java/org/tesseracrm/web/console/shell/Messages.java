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
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
        String text = MessageFormat.format(bundle.getString(key), arguments);
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }
}
