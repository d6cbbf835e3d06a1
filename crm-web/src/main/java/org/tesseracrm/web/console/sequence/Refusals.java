package org.tesseracrm.web.console.sequence;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.faces.application.FacesMessage;

/**
 * Runs a change through a boundary and shows what it refused as a message on the screen, in the words the 360 pages
 * use: the boundaries decide (the same rules as the API), the screens only tell.
 */
final class Refusals {

    private Refusals() {
    }

    /** True when the change went through. */
    static boolean attempt(Messages messages, Runnable change) {
        try {
            change.run();
            return true;
        } catch (InvalidInput e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "record.invalid", e.field(), e.problem());
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "record.stale");
        } catch (Forbidden e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "sequences.refused", e.getMessage());
        } catch (NotFound e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "record.gone");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_WARN, "sequences.refused", e.getMessage());
        }
        return false;
    }
}
