package org.tesseracrm.web.api.contract;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.servers.Server;
import org.eclipse.microprofile.openapi.models.servers.ServerVariable;

/**
 * The document is written at build time with the development hosts ({@code acme.localhost:8080}); served, it names
 * this deployment's: the {@code baseDomain} variable defaults to {@code crm.openapi.base-domain} (else
 * {@code crm.base-domain}), https unless that is localhost, and the OAuth2 token URL is the configured issuer's.
 * Registered with {@code mp.openapi.filter}.
 *
 * <p>
 * It also empties Payara's own top-level {@code endpoints} list (not an OpenAPI field: linters and generators refuse
 * it; Payara names it {@code x-endpoints} from 2026 on, payara/Payara#7891).
 */
public class DeploymentServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var config = ConfigProvider.getConfig();
        String baseDomain = config.getOptionalValue("crm.openapi.base-domain", String.class)
                .orElseGet(() -> config.getOptionalValue("crm.base-domain", String.class).orElse("localhost"));
        boolean local = baseDomain.equals("localhost") || baseDomain.startsWith("localhost:");
        if (openAPI.getServers() != null) {
            openAPI.getServers().forEach(server -> point(server, baseDomain, local));
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().stream().filter(item -> item.getServers() != null)
                    .forEach(item -> item.getServers().forEach(server -> point(server, baseDomain, local)));
        }
        withoutPayaraEndpoints(openAPI);
        Optional<String> issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class);
        if (issuer.isPresent() && openAPI.getComponents() != null
                && openAPI.getComponents().getSecuritySchemes() != null) {
            var oauth2 = openAPI.getComponents().getSecuritySchemes().get("oauth2");
            if (oauth2 != null && oauth2.getFlows() != null && oauth2.getFlows().getClientCredentials() != null) {
                oauth2.getFlows().getClientCredentials()
                        .setTokenUrl(issuer.get() + "/protocol/openid-connect/token");
            }
        }
    }

    private static void withoutPayaraEndpoints(OpenAPI openAPI) {
        try {
            Object endpoints = openAPI.getClass().getMethod("getEndpoints").invoke(openAPI);
            if (endpoints instanceof java.util.Map<?, ?> map) {
                map.clear();
            }
        } catch (ReflectiveOperationException | UnsupportedOperationException e) {
            // another implementation, or a Payara that no longer adds it: nothing to remove
        }
    }

    private static void point(Server server, String baseDomain, boolean local) {
        if (server.getVariables() == null) {
            return;
        }
        ServerVariable domain = server.getVariables().get("baseDomain");
        if (domain != null && !baseDomain.equals("localhost")) {
            domain.setDefaultValue(baseDomain);
        }
        ServerVariable scheme = server.getVariables().get("scheme");
        if (scheme != null) {
            scheme.setDefaultValue(local ? "http" : "https");
        }
    }
}
