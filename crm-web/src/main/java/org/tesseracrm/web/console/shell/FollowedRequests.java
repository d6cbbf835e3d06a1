package org.tesseracrm.web.console.shell;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.ControlRequest;

/**
 * The control-plane requests a screen made (provision a tenant, invite a user, …), newest first, as last read: the
 * screen polls while one is still open and shows each until it succeeded or failed.
 */
public final class FollowedRequests implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One request as last read. */
    public record Progress(String id, String kind, String tenant, String status, int attempts, String at)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;

        public boolean isOpen() {
            return status.equals("PENDING") || status.equals("RUNNING");
        }
    }

    private final List<Progress> items = new ArrayList<>();

    public void add(ControlRequest made, ConsoleTime time) {
        items.add(0, progress(made, time));
    }

    /** Reads the open ones again. */
    public void refresh(ControlRequests requests, ConsoleTime time) {
        items.replaceAll(p -> p.isOpen()
                ? requests.find(p.id(), Optional.empty()).map(r -> progress(r, time))
                        .orElse(p)
                : p);
    }

    private static Progress progress(ControlRequest r, ConsoleTime time) {
        return new Progress(r.id().toString(), r.kind().name(), r.tenantSlug(), r.status(), r.attempts(),
                time.format(r.updatedAt()));
    }

    /** Whether one is still open: the screen polls until none is. */
    public boolean isWaiting() {
        return items.stream().anyMatch(Progress::isOpen);
    }

    public List<Progress> getItems() {
        return items;
    }
}
