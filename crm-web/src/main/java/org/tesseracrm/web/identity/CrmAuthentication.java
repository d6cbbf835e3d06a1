package org.tesseracrm.web.identity;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.problem.ProblemErrorPage;
import org.tesseracrm.web.identity.BearerTokens.InvalidToken;
import org.tesseracrm.web.identity.BearerTokens.KeysUnavailable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * The application's one authentication mechanism (Jakarta Security allows one per application). A request with
 * {@code Authorization: Bearer …} is authenticated by {@link BearerTokens}; a bad token ends here with 401
 * problem+json (RFC 6750 {@code invalid_token}), unreachable signing keys with 503. A request without credentials goes
 * on anonymous, and the role checks refuse it where a role is needed (401 problem+json from the API, never a redirect).
 * The console's OpenID Connect login will be the second branch of this class, so the API and the console share one
 * notion of the caller.
 */
@ApplicationScoped
public class CrmAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(CrmAuthentication.class.getName());
    private static final String BEARER = "Bearer ";

    @Inject
    BearerTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return context.doNothing();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(response, request, "invalid_request", "Only bearer tokens are accepted here.");
        }
        try {
            TokenCaller caller = tokens.verify(authorization.substring(BEARER.length()).trim());
            return context.notifyContainerAboutLogin(caller, caller.groups());
        } catch (InvalidToken e) {
            // the reason stays in the log at FINE: telling a forger which check failed helps only the forger
            LOG.log(Level.FINE, "bearer token refused", e);
            return refuse(response, request, "invalid_token", "The bearer token is invalid or expired.");
        } catch (KeysUnavailable e) {
            LOG.log(Level.WARNING, "token signing keys unreachable: {0}", e.getMessage());
            return fail(response, Problem.of("service-unavailable", "Service Unavailable",
                    Response.Status.SERVICE_UNAVAILABLE,
                    "The identity provider's signing keys cannot be fetched right now; retry in a few seconds.",
                    ProblemErrorPage.limited(request.getRequestURI())));
        }
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, HttpServletRequest request,
            String error, String detail) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"crm\", error=\"" + error + "\"");
        return fail(response, Problem.of("unauthenticated", "Unauthorized", Response.Status.UNAUTHORIZED, detail,
                ProblemErrorPage.limited(request.getRequestURI())));
    }

    private static AuthenticationStatus fail(HttpServletResponse response, Problem problem) {
        try {
            ProblemErrorPage.write(response, problem);
            response.flushBuffer(); // committed: the container must not replace it with its own error page
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away while being refused", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
