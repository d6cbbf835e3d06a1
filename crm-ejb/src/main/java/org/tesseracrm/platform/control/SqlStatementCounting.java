package org.tesseracrm.platform.control;

import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/** EclipseLink's side of {@link SqlStatements}: every SQL call it executes (persistence.xml registers it). */
public class SqlStatementCounting extends SessionEventAdapter {

    @Override
    public void postExecuteCall(SessionEvent event) {
        SqlStatements.counted();
    }
}
