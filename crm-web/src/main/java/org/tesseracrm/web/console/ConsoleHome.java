package org.tesseracrm.web.console;

import java.io.IOException;

import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.Apex;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.web.tenancy.TenantAdmission;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /}: a tenant's host opens the sales console (My day), the apex host the operator console. */
@WebServlet(urlPatterns = "")
public class ConsoleHome extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantAdmission admission;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TenantHosts.HostKind host = admission.classify(request.getHeader("Host"));
        if (host instanceof TenantHost) {
            redirect(response, ConsolePaths.HOME);
        } else if (host instanceof Apex) {
            redirect(response, ConsolePaths.OPERATOR_HOME);
        } else {
            ConsolePage.UNKNOWN_HOST.write(request, response);
        }
    }

    /** A relative redirect without a body (sendRedirect would add an HTML page to it). */
    private static void redirect(HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", path);
    }
}
