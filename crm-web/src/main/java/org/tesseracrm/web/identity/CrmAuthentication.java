package org.tesseracrm.web.identity;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.problem.ProblemErrorPage;
import org.tesseracrm.web.api.tenancy.HostHeaderFilter;
import org.tesseracrm.web.console.ConsolePage;
import org.tesseracrm.web.console.ConsolePaths;
import org.tesseracrm.web.identity.ConsoleLogin.LoginFailed;
import org.tesseracrm.web.identity.ConsoleLogin.ProviderUnavailable;
import org.tesseracrm.web.identity.ConsoleLogin.SessionEnded;
import org.tesseracrm.web.identity.BearerTokens.InvalidToken;
import org.tesseracrm.web.identity.BearerTokens.KeysUnavailable;
import org.tesseracrm.web.tenancy.TenantAdmission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;

/**
 * The application's one authentication mechanism (Jakarta Security allows one per application). A request with
 * {@code Authorization: Bearer …} is authenticated by {@link BearerTokens}; a bad token ends here with 401
 * problem+json (RFC 6750 {@code invalid_token}), unreachable signing keys with 503. A request without credentials goes
 * on anonymous, and the role checks refuse it where a role is needed (401 problem+json from the API, never a redirect).
 * <p>
 * The console's pages ({@value ConsolePaths#CONSOLE}…) are the second branch: a browser without a console session
 * is sent to Keycloak's login (authorization code flow with PKCE, {@link ConsoleLogin}); the callback checks state and
 * nonce, changes the session id and keeps the tokens in the session; afterwards each request is signed in from the
 * session's access token, renewed with the refresh token when it expires. API paths never redirect. The API and the
 * console thus share one notion of the caller ({@link TokenCaller}) and one token check ({@link BearerTokens}).
 */
@ApplicationScoped
public class CrmAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(CrmAuthentication.class.getName());
    private static final String BEARER = "Bearer ";

    @Inject
    BearerTokens tokens;

    @Inject
    ConsoleLogin login;

    @Inject
    TenantAdmission admission;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return ConsolePaths.signsIn(request.getRequestURI())
                    ? console(request, response, context)
                    : context.doNothing();
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

    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!HostHeaderFilter.hasValidHost(request) || !admission.servesLogin(request.getHeader("Host"))) {
            return context.doNothing(); // the host filter or the console gate answers: no login for a bad host
        }
        try {
            if (request.getRequestURI().equals(ConsoleLogin.CALLBACK_PATH)) {
                return finishLogin(request, response, context);
            }
            HttpSession session = request.getSession(false);
            ConsoleSession signedIn = ConsoleSession.of(session);
            if (signedIn != null) {
                Optional<TokenCaller> caller = current(session, signedIn);
                if (caller.isPresent()) {
                    return context.notifyContainerAboutLogin(caller.get(), caller.get().groups());
                }
            }
            return beginLogin(request, response, context);
        } catch (ProviderUnavailable e) {
            LOG.log(Level.WARNING, "console login: {0}", e.getMessage());
            return consoleFailure(request, response, ConsolePage.SIGN_IN_UNAVAILABLE);
        }
    }

    /** The session's caller, renewing its tokens when the access token expired; empty when it must sign in again. */
    private Optional<TokenCaller> current(HttpSession session, ConsoleSession signedIn) throws ProviderUnavailable {
        try {
            return Optional.of(tokens.verify(signedIn.accessToken()));
        } catch (InvalidToken expired) {
            synchronized (session) { // parallel Ajax requests renew once
                ConsoleSession latest = ConsoleSession.of(session);
                if (latest == null) {
                    return Optional.empty();
                }
                try {
                    if (latest != signedIn) {
                        return Optional.of(tokens.verify(latest.accessToken()));
                    }
                    ConsoleSession renewed = login.refresh(latest);
                    session.setAttribute(ConsoleSession.ATTRIBUTE, renewed);
                    return Optional.of(tokens.verify(renewed.accessToken()));
                } catch (SessionEnded | InvalidToken e) {
                    LOG.log(Level.FINE, "console session ended: {0}", e.getMessage());
                    session.removeAttribute(ConsoleSession.ATTRIBUTE);
                    return Optional.empty();
                } catch (KeysUnavailable e) {
                    throw new ProviderUnavailable(e.getMessage(), e);
                }
            }
        } catch (KeysUnavailable e) {
            throw new ProviderUnavailable(e.getMessage(), e);
        }
    }

    private AuthenticationStatus beginLogin(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws ProviderUnavailable {
        String returnTo = request.getRequestURI();
        if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
            returnTo += "?" + request.getQueryString();
        }
        if (returnTo.length() > ConsolePaths.MAX_RETURN_PATH) {
            returnTo = ConsolePaths.HOME;
        }
        if (ConsolePaths.isAjax(request)) {
            // a Faces Ajax request cannot follow a redirect to Keycloak: reload the page, whose GET signs in
            ConsolePaths.ajaxRedirect(response, request.getRequestURI());
            return AuthenticationStatus.SEND_CONTINUE;
        }
        URI keycloak = login.begin(request.getSession(true), ConsolePaths.origin(request), returnTo);
        response.setHeader("Cache-Control", "no-store");
        return context.redirect(keycloak.toString());
    }

    private AuthenticationStatus finishLogin(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws ProviderUnavailable {
        ConsoleLogin.Finished finished;
        try {
            finished = login.finish(request);
        } catch (LoginFailed e) {
            LOG.log(Level.INFO, "console login refused: {0}", e.getMessage());
            return consoleFailure(request, response, ConsolePage.SIGN_IN_FAILED);
        }
        request.changeSessionId(); // no session fixation: the id the browser had before the login is worthless now
        request.getSession().setAttribute(ConsoleSession.ATTRIBUTE, finished.session());
        response.setHeader("Cache-Control", "no-store");
        return context.redirect(ConsolePaths.localPath(finished.returnTo()));
    }

    private static AuthenticationStatus consoleFailure(HttpServletRequest request, HttpServletResponse response,
            ConsolePage page) {
        try {
            page.write(request, response);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away while being refused", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
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
