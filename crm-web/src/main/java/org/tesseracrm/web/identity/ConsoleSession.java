package org.tesseracrm.web.identity;

import java.io.Serializable;

import jakarta.servlet.http.HttpSession;

/**
 * A signed-in console user, kept in the browser's HTTP session: the tokens of the code flow and a form token for the
 * few plain forms outside Faces (logout), which Faces' view state does not protect. The caller is re-derived from the
 * access token on each request ({@link BearerTokens} caches it), so only strings are stored.
 *
 * @param accessToken  what proves the caller (audience {@code crm-api}, as the API's tokens)
 * @param refreshToken renews the access token while Keycloak's session lives
 * @param idToken      the hint for RP-initiated logout
 * @param formToken    the anti-forgery token of the logout form
 */
public record ConsoleSession(String accessToken, String refreshToken, String idToken, String formToken)
        implements
            Serializable {

    public static final String ATTRIBUTE = ConsoleSession.class.getName();
    private static final long serialVersionUID = 1L;

    /** The session's signed-in user, if any. */
    public static ConsoleSession of(HttpSession session) {
        return session == null
                ? null
                : session.getAttribute(ATTRIBUTE) instanceof ConsoleSession signedIn
                        ? signedIn
                        : null;
    }
}
