package org.tesseracrm.web.console;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tesseracrm.web.identity.ConsoleLogin;
import org.tesseracrm.web.identity.ConsoleLogin.ProviderUnavailable;
import org.tesseracrm.web.identity.ConsoleSession;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Signing out, by POST with the session's form token (a cross-site page cannot sign anyone out): the console session
 * ends here, then the browser goes to Keycloak's end-session endpoint with the ID token as hint, which ends the
 * Keycloak session too and sends it back to {@code /} on this host, where the next page asks for a login again.
 */
@WebServlet(urlPatterns = ConsoleLogin.LOGOUT_PATH)
public class ConsoleLogout extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConsoleLogout.class.getName());

    @Inject
    ConsoleLogin login;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        ConsoleSession signedIn = ConsoleSession.of(session);
        if (signedIn == null) {
            response.sendRedirect("/");
            return;
        }
        String sent = request.getParameter("formToken");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                signedIn.formToken().getBytes(StandardCharsets.UTF_8))) {
            ConsolePage.FORM_EXPIRED.write(request, response);
            return;
        }
        session.invalidate();
        try {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", login.logoutAddress(signedIn.idToken(),
                    ConsolePaths.origin(request) + "/").toString());
        } catch (ProviderUnavailable e) {
            // signed out here; Keycloak's session ends by its own idle timeout
            LOG.log(Level.WARNING, "logout could not reach Keycloak: {0}", e.getMessage());
            response.sendRedirect("/");
        }
    }
}
