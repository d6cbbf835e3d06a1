package org.tesseracrm.web.api;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API, version 1. Bearer JWTs from Keycloak's realm {@code crm}, verified by the application's
 * authentication mechanism ({@code web.identity.CrmAuthentication}).
 */
@ApplicationScoped
@ApplicationPath("/api/v1")
@DeclareRoles({Roles.PLATFORM_OPERATOR, Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
@OpenAPIDefinition(info = @Info(title = "Tessera CRM API", version = "1"), security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class CrmApi extends Application {
}
