package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;

/**
 * The tenants' side of Keycloak realm {@code crm}: one organization per tenant (alias = slug), people and integration
 * clients carrying the admin-only {@code tenant} attribute. Every call goes through the {@code crm-provisioner}
 * service account; Keycloak being down surfaces as {@link ServiceUnavailable}, a refusal as
 * {@link IllegalStateException} with Keycloak's own message.
 */
public final class TenantIdentities implements AutoCloseable {

    private static final Logger LOG = System.getLogger(TenantIdentities.class.getName());

    /** The roles a tenant's people and integrations may hold; never {@code platform-operator}. */
    public static final Set<String> TENANT_ROLES = Set.of("crm-admin", "sales-manager", "sales-rep", "read-only");

    static final String TENANT_ATTRIBUTE = "tenant";
    /** The console's public client (code flow with PKCE). */
    public static final String CONSOLE_CLIENT = "crm-console";
    private static final String POST_LOGOUT_REDIRECTS = "post.logout.redirect.uris";
    /** Client attribute naming the tenant an integration client belongs to. */
    static final String CLIENT_TENANT_ATTRIBUTE = "crm.tenant";
    /** An invited person must choose a password and prove the address before the first login. */
    static final List<String> INVITATION_ACTIONS = List.of("UPDATE_PASSWORD", "VERIFY_EMAIL");
    private static final int INVITATION_LIFESPAN_SECONDS = (int) Duration.ofDays(3).toSeconds();
    private static final int PAGE = 200;
    private static final Pattern KEYCLOAK_ERROR = Pattern
            .compile("\"(errorMessage|error_description|error)\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * Where Keycloak is and how the control plane signs in (client credentials of {@code crm-provisioner}), and where
     * a tenant's console lives: {@code consoleUrl} is a scheme, host and port with {@code {slug}} for the tenant
     * ({@code http://{slug}.localhost:8080} unless {@code CRM_CONSOLE_URL} says otherwise).
     */
    public record Access(String url, String realm, String clientId, String secret, String consoleUrl) {
        public static final String DEFAULT_CONSOLE_URL = "http://{slug}.localhost:8080";
        private static final Pattern CONSOLE_URL = Pattern
                .compile("^https?://[a-z0-9.-]*\\{slug}[a-z0-9.-]*(:\\d{1,5})?$");

        public Access {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(clientId, "clientId");
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("no secret for Keycloak client '" + clientId
                        + "': set CRM_PROVISIONER_SECRET or --provisioner-secret");
            }
            url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            if (consoleUrl == null || consoleUrl.isBlank()) {
                consoleUrl = DEFAULT_CONSOLE_URL;
            }
            if (!CONSOLE_URL.matcher(consoleUrl).matches()) {
                throw new IllegalArgumentException("console URL '" + consoleUrl + "' must be scheme://host[:port]"
                        + " with {slug} in the host, e.g. " + DEFAULT_CONSOLE_URL);
            }
        }

        /** With the console URL from {@code CRM_CONSOLE_URL}, or the default. */
        public Access(String url, String realm, String clientId, String secret) {
            this(url, realm, clientId, secret, System.getenv("CRM_CONSOLE_URL"));
        }

        /** The tenant's console origin, e.g. {@code http://acme.localhost:8080}. */
        public String consoleOrigin(TenantSlug slug) {
            return consoleUrl.replace("{slug}", slug.value());
        }
    }

    /** A person as the tenant's administrator enters them. */
    public record NewPerson(String email, String firstName, String lastName, String role) {
        public NewPerson {
            email = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
            if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                throw new IllegalArgumentException("'" + email + "' is not an email address");
            }
            if (!TENANT_ROLES.contains(role)) {
                throw new IllegalArgumentException("role '" + role + "' is not one of " + TENANT_ROLES);
            }
        }

        /** People sign in with their address. */
        public String username() {
            return email;
        }
    }

    /** A person in Keycloak after an invitation; {@code existing} when the account was already there. */
    public record InvitedPerson(String id, String username, boolean existing) {
    }

    /** A new integration client; the secret is shown once and never stored by the control plane. */
    public record IntegrationClient(String id, String clientId, String secret, String serviceAccountId) {
    }

    private final Access access;
    private final Keycloak keycloak;
    private final RealmResource realm;
    private final Map<String, RoleRepresentation> roles = new HashMap<>();

    private TenantIdentities(Access access, Keycloak keycloak) {
        this.access = access;
        this.keycloak = keycloak;
        this.realm = keycloak.realm(access.realm());
    }

    /** Prepares the admin client; nothing is sent until the first call (a worker must start while Keycloak is down). */
    public static TenantIdentities open(Access access) {
        // timeouts, so a hung Keycloak cannot hang a worker; a pool, because worker threads share this client
        Client http = ((ResteasyClientBuilder) ClientBuilder.newBuilder()).connectionPoolSize(10)
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS)
                .register(new JacksonProvider(), 100).build();
        Keycloak keycloak = KeycloakBuilder.builder().serverUrl(access.url()).realm(access.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(access.clientId())
                .clientSecret(access.secret()).resteasyClient(http).build();
        return new TenantIdentities(access, keycloak);
    }

    /** Signs in and reads the realm, so a command fails before it changes anything if Keycloak is not usable. */
    public void requireReachable() {
        call("sign in", () -> realm.toRepresentation().getRealm());
    }

    // --- organizations -------------------------------------------------------------------------------------------

    public Optional<String> findOrganization(TenantSlug slug) {
        return call("find organization " + slug.value(), () -> realm.organizations().search(slug.value(), true, 0, 2)
                .stream().filter(o -> slug.value().equals(o.getAlias())).map(OrganizationRepresentation::getId)
                .findFirst());
    }

    /** Creates the tenant's organization; its name and alias are the slug (unique), the description its name. */
    public String createOrganization(TenantSlug slug, String displayName) {
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setName(slug.value());
        org.setAlias(slug.value());
        org.setDescription(displayName);
        org.setEnabled(true);
        org.setAttributes(Map.of(TENANT_ATTRIBUTE, List.of(slug.value())));
        return call("create organization " + slug.value(), () -> created(realm.organizations().create(org)));
    }

    public void deleteOrganization(String id) {
        call("delete organization " + id, () -> {
            try (Response response = realm.organizations().get(id).delete()) {
                if (response.getStatus() != 404) {
                    expectSuccess(response);
                }
            }
            return null;
        });
    }

    // --- people ----------------------------------------------------------------------------------------------------

    public Optional<UserRepresentation> findUser(String username) {
        return call("find user " + username, () -> realm.users().searchByUsername(username, true).stream()
                .filter(u -> username.equalsIgnoreCase(u.getUsername())).findFirst());
    }

    /** The tenant a Keycloak user belongs to, if any. */
    static Optional<String> tenantOf(UserRepresentation user) {
        Map<String, List<String>> attributes = user.getAttributes();
        if (attributes == null || attributes.get(TENANT_ATTRIBUTE) == null) {
            return Optional.empty();
        }
        return attributes.get(TENANT_ATTRIBUTE).stream().findFirst();
    }

    /**
     * Makes {@code person} a member of the tenant: account (username = address, tenant attribute, the role and no
     * other tenant role, required actions) and organization membership. An account that already belongs to this
     * tenant is reused, one of another tenant is refused. No mail yet: callers send {@link #sendInvitation} once
     * everything else is recorded, so nobody is invited into something that is then rolled back.
     */
    public InvitedPerson invite(TenantSlug slug, String organizationId, NewPerson person) {
        Optional<UserRepresentation> found = findUser(person.username());
        boolean existing = found.isPresent();
        String id;
        if (existing) {
            UserRepresentation user = found.get();
            Optional<String> tenant = tenantOf(user);
            if (tenant.isEmpty() || !tenant.get().equals(slug.value())) {
                throw new IllegalStateException("a Keycloak user '" + person.username() + "' already exists"
                        + tenant.map(t -> " in another tenant").orElse(" without a tenant"));
            }
            id = user.getId();
        } else {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(person.username());
            user.setEmail(person.email());
            user.setFirstName(person.firstName());
            user.setLastName(person.lastName());
            user.setEnabled(true);
            user.setEmailVerified(false);
            user.setAttributes(Map.of(TENANT_ATTRIBUTE, List.of(slug.value())));
            user.setRequiredActions(INVITATION_ACTIONS);
            id = call("create user " + person.username(), () -> created(realm.users().create(user)));
        }
        try {
            grantOnly(id, person.role());
            if (organizationId != null) {
                joinOrganization(organizationId, id);
            }
            return new InvitedPerson(id, person.username(), existing);
        } catch (RuntimeException e) {
            if (!existing) {
                deleteUserQuietly(id, e);
            }
            throw e;
        }
    }

    /** Sends the "set your password and verify your address" mail; false when the realm has no SMTP server. */
    public boolean sendInvitation(String userId) {
        if (!mailConfigured()) {
            return false;
        }
        call("send invitation mail", () -> {
            realm.users().get(userId).executeActionsEmail(INVITATION_ACTIONS, INVITATION_LIFESPAN_SECONDS);
            return null;
        });
        return true;
    }

    /** Whether realm {@code crm} has an SMTP server, i.e. whether Keycloak can mail invitations. */
    public boolean mailConfigured() {
        Map<String, String> smtp = call("read realm mail settings", () -> realm.toRepresentation().getSmtpServer());
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /** Points the realm's mail at an SMTP server (Keycloak sends invitations and password resets through it). */
    public void configureMail(String host, int port, String from, boolean startTls) {
        Map<String, String> smtp = new HashMap<>();
        smtp.put("host", host);
        smtp.put("port", Integer.toString(port));
        smtp.put("from", from);
        smtp.put("fromDisplayName", "Tessera CRM");
        smtp.put("starttls", Boolean.toString(startTls));
        smtp.put("auth", "false");
        smtp.put("ssl", "false");
        RealmRepresentation change = new RealmRepresentation();
        change.setSmtpServer(smtp);
        call("configure realm mail", () -> {
            realm.update(change);
            return null;
        });
    }

    public void deleteUser(String id) {
        call("delete user " + id, () -> {
            try (Response response = realm.users().delete(id)) {
                if (response.getStatus() != 404) {
                    expectSuccess(response);
                }
            }
            return null;
        });
    }

    /** Enables or disables an account; disabling also ends its sessions. */
    public void setEnabled(String userId, boolean enabled) {
        call((enabled ? "enable" : "disable") + " user " + userId, () -> {
            UserRepresentation user = realm.users().get(userId).toRepresentation();
            if (!Objects.equals(user.isEnabled(), enabled)) {
                user.setEnabled(enabled);
                realm.users().get(userId).update(user);
            }
            if (!enabled) {
                realm.users().get(userId).logout();
            }
            return null;
        });
    }

    /** Every account with {@code tenant = slug}: people and the service accounts of integration clients. */
    public List<UserRepresentation> tenantUsers(TenantSlug slug) {
        return call("list users of " + slug.value(), () -> {
            List<UserRepresentation> all = new ArrayList<>();
            for (int first = 0;; first += PAGE) {
                List<UserRepresentation> page = realm.users().searchByAttributes(first, PAGE, null, false, true,
                        TENANT_ATTRIBUTE + ":" + slug.value());
                all.addAll(page);
                if (page.size() < PAGE) {
                    return all;
                }
            }
        });
    }

    /** A person of the tenant as Keycloak knows them, for the {@code app_user} mirror. */
    public record TenantPerson(String id, String username, String email, String firstName, String lastName,
            String role, boolean enabled, boolean invitationPending) {
    }

    /**
     * The tenant's people (not integration service accounts) with their one tenant role; accounts with no tenant
     * role are left out, since they cannot use the CRM.
     */
    public List<TenantPerson> tenantPeople(TenantSlug slug) {
        List<TenantPerson> people = new ArrayList<>();
        for (UserRepresentation user : tenantUsers(slug)) {
            if (user.getServiceAccountClientId() != null || user.getUsername().startsWith("service-account-")) {
                continue;
            }
            Optional<String> role = call("roles of " + user.getUsername(), () -> realm.users().get(user.getId())
                    .roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName)
                    .filter(TENANT_ROLES::contains).sorted().findFirst());
            if (role.isEmpty()) {
                continue;
            }
            // a search result leaves out the required actions: an invitation is pending while they remain
            List<String> actions = call("read " + user.getUsername(), () -> realm.users().get(user.getId())
                    .toRepresentation().getRequiredActions());
            boolean pending = actions != null && !actions.isEmpty();
            people.add(new TenantPerson(user.getId(), user.getUsername(), user.getEmail() == null
                    ? user.getUsername()
                    : user.getEmail(), user.getFirstName(), user.getLastName(), role.get(),
                    Boolean.TRUE.equals(user.isEnabled()), pending));
        }
        return people;
    }

    // --- integration clients ---------------------------------------------------------------------------------------

    /**
     * A confidential client with a service account only, for one integration (e.g. an ERP) of one tenant: the service
     * account carries the tenant attribute and {@code role}; tokens get the same {@code tenant}, {@code groups} and
     * {@code aud=crm-api} claims as people's.
     */
    public IntegrationClient createIntegrationClient(TenantSlug slug, String name, String role) {
        if (!TENANT_ROLES.contains(role)) {
            throw new IllegalArgumentException("role '" + role + "' is not one of " + TENANT_ROLES);
        }
        if (name == null || !name.matches("^[a-z][a-z0-9-]{1,40}$")) {
            throw new IllegalArgumentException("integration name '" + name
                    + "' must be lower-case letters, digits or '-' (2 to 41 characters, letter first)");
        }
        String clientId = slug.value() + "-" + name;
        boolean taken = call("find client " + clientId, () -> !realm.clients().findByClientId(clientId).isEmpty());
        if (taken) {
            throw new IllegalStateException("Keycloak client '" + clientId + "' already exists");
        }
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(slug.value() + " integration " + name);
        client.setDescription("Integration '" + name + "' of tenant " + slug.value() + " (role " + role + ")");
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setBearerOnly(false);
        client.setClientAuthenticatorType("client-secret");
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(true);
        client.setConsentRequired(false);
        client.setFullScopeAllowed(true);
        client.setAttributes(Map.of(CLIENT_TENANT_ATTRIBUTE, slug.value(),
                "oauth2.device.authorization.grant.enabled", "false"));
        client.setDefaultClientScopes(List.of("basic", "service_account", "roles", "profile", "email", "web-origins",
                "acr", "microprofile-jwt"));
        client.setOptionalClientScopes(List.of());
        client.setProtocolMappers(List.of(tenantClaimMapper(), audienceMapper()));
        String id = call("create client " + clientId, () -> created(realm.clients().create(client)));
        try {
            return call("set up client " + clientId, () -> {
                UserRepresentation account = realm.clients().get(id).getServiceAccountUser();
                UserRepresentation full = realm.users().get(account.getId()).toRepresentation();
                Map<String, List<String>> attributes = full.getAttributes() == null
                        ? new HashMap<>()
                        : new HashMap<>(full.getAttributes());
                attributes.put(TENANT_ATTRIBUTE, List.of(slug.value()));
                full.setAttributes(attributes);
                realm.users().get(account.getId()).update(full);
                grantOnly(account.getId(), role);
                String secret = realm.clients().get(id).getSecret().getValue();
                return new IntegrationClient(id, clientId, secret, account.getId());
            });
        } catch (RuntimeException e) {
            deleteClientQuietly(id, e);
            throw e;
        }
    }

    /** The tenant's integration clients (by the {@code crm.tenant} client attribute). */
    public List<ClientRepresentation> integrationClients(TenantSlug slug) {
        return call("list clients of " + slug.value(), () -> realm.clients()
                .findAll(slug.value() + "-", false, true, 0, 1000).stream()
                .filter(c -> c.getAttributes() != null
                        && slug.value().equals(c.getAttributes().get(CLIENT_TENANT_ATTRIBUTE)))
                .toList());
    }

    public void setClientEnabled(String id, boolean enabled) {
        call((enabled ? "enable" : "disable") + " client " + id, () -> {
            ClientRepresentation client = realm.clients().get(id).toRepresentation();
            if (!Objects.equals(client.isEnabled(), enabled)) {
                client.setEnabled(enabled);
                realm.clients().get(id).update(client);
            }
            return null;
        });
    }

    public void deleteClient(String id) {
        call("delete client " + id, () -> {
            try (Response response = realm.clients().delete(id)) {
                if (response.getStatus() != 404) {
                    expectSuccess(response);
                }
            }
            return null;
        });
    }

    // --- the console client ----------------------------------------------------------------------------------------

    /**
     * Lets the console's login and logout return to the tenant's host: Keycloak accepts no wildcard subdomains in
     * redirect URIs, so each tenant's origin is listed on {@link #CONSOLE_CLIENT} (redirect URIs, web origins,
     * post-logout redirect URIs). Idempotent. The whole client is written back, so callers serialise these updates
     * across processes (see {@code TenantLock.consoleClient}).
     */
    public void registerConsole(TenantSlug slug) {
        registerConsoleOrigin(access.consoleOrigin(slug));
    }

    /** Adds one origin (a tenant's host, or the apex host of the operator console) to the console client. */
    public void registerConsoleOrigin(String origin) {
        updateConsoleClient("register console origin " + origin, client -> {
            client.setRedirectUris(with(client.getRedirectUris(), origin + "/*"));
            client.setWebOrigins(with(client.getWebOrigins(), origin));
            setPostLogoutRedirects(client, with(postLogoutRedirects(client), origin + "/*"));
        });
    }

    /** Removes the tenant's origin from the console client (a deleted tenant's host must not receive logins). */
    public void unregisterConsole(TenantSlug slug) {
        String origin = access.consoleOrigin(slug);
        updateConsoleClient("unregister console of " + slug.value(), client -> {
            client.setRedirectUris(without(client.getRedirectUris(), origin + "/*"));
            client.setWebOrigins(without(client.getWebOrigins(), origin));
            setPostLogoutRedirects(client, without(postLogoutRedirects(client), origin + "/*"));
        });
    }

    /**
     * How long the console's access tokens live (Keycloak's client attribute {@code access.token.lifespan}); the
     * console renews them with the refresh token. The realm's default (5 minutes) suits production; the browser tests
     * shorten it so that their sessions renew tokens while they run.
     */
    public void setConsoleAccessTokenLifespan(java.time.Duration lifespan) {
        updateConsoleClient("set console token lifespan", client -> {
            Map<String, String> attributes = client.getAttributes() == null
                    ? new HashMap<>()
                    : new HashMap<>(client.getAttributes());
            attributes.put("access.token.lifespan", String.valueOf(lifespan.toSeconds()));
            client.setAttributes(attributes);
        });
    }

    /** The redirect URIs the console client accepts now. */
    public List<String> consoleRedirectUris() {
        return call("read console client", () -> consoleClient().getRedirectUris());
    }

    private void updateConsoleClient(String what, java.util.function.Consumer<ClientRepresentation> change) {
        call(what, () -> {
            ClientRepresentation client = consoleClient();
            change.accept(client);
            realm.clients().get(client.getId()).update(client);
            return null;
        });
    }

    private ClientRepresentation consoleClient() {
        return realm.clients().findByClientId(CONSOLE_CLIENT).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("realm " + access.realm() + " has no client "
                        + CONSOLE_CLIENT));
    }

    private static List<String> postLogoutRedirects(ClientRepresentation client) {
        String joined = client.getAttributes() == null ? null : client.getAttributes().get(POST_LOGOUT_REDIRECTS);
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split("##"));
    }

    private static void setPostLogoutRedirects(ClientRepresentation client, List<String> uris) {
        Map<String, String> attributes = client.getAttributes() == null
                ? new HashMap<>()
                : new HashMap<>(client.getAttributes());
        attributes.put(POST_LOGOUT_REDIRECTS, String.join("##", uris));
        client.setAttributes(attributes);
    }

    private static List<String> with(List<String> values, String value) {
        List<String> result = new ArrayList<>(values == null ? List.of() : values);
        if (!result.contains(value)) {
            result.add(value);
        }
        return result;
    }

    private static List<String> without(List<String> values, String value) {
        List<String> result = new ArrayList<>(values == null ? List.of() : values);
        result.remove(value);
        return result;
    }

    // --- whole tenant ----------------------------------------------------------------------------------------------

    /** Everything the tenant has in Keycloak: integration clients (with their service accounts), people, organization. */
    public void removeTenant(TenantSlug slug) {
        for (ClientRepresentation client : integrationClients(slug)) {
            deleteClient(client.getId());
        }
        for (UserRepresentation user : tenantUsers(slug)) {
            deleteUser(user.getId());
        }
        findOrganization(slug).ifPresent(this::deleteOrganization);
    }

    @Override
    public void close() {
        keycloak.close();
    }

    // --- plumbing --------------------------------------------------------------------------------------------------

    /** Gives the account {@code role} and removes any other tenant role, so a re-invitation can change the role. */
    private void grantOnly(String userId, String role) {
        call("grant role " + role, () -> {
            var mapping = realm.users().get(userId).roles().realmLevel();
            List<RoleRepresentation> others = mapping.listEffective().stream()
                    .filter(r -> TENANT_ROLES.contains(r.getName()) && !r.getName().equals(role)).toList();
            if (!others.isEmpty()) {
                mapping.remove(others);
            }
            mapping.add(List.of(role(role)));
            return null;
        });
    }

    private void joinOrganization(String organizationId, String userId) {
        call("add organization member", () -> {
            try (Response response = realm.organizations().get(organizationId).members().addMember(userId)) {
                if (response.getStatus() != 409) { // already a member
                    expectSuccess(response);
                }
            }
            return null;
        });
    }

    private synchronized RoleRepresentation role(String name) {
        return roles.computeIfAbsent(name, n -> realm.roles().get(n).toRepresentation());
    }

    private void deleteUserQuietly(String id, RuntimeException cause) {
        try {
            deleteUser(id);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void deleteClientQuietly(String id, RuntimeException cause) {
        try {
            deleteClient(id);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static ProtocolMapperRepresentation tenantClaimMapper() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("tenant");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usermodel-attribute-mapper");
        mapper.setConfig(Map.of("user.attribute", TENANT_ATTRIBUTE, "claim.name", "tenant", "jsonType.label", "String",
                "multivalued", "false", "aggregate.attrs", "false", "access.token.claim", "true", "id.token.claim",
                "true", "userinfo.token.claim", "true", "introspection.token.claim", "true", "lightweight.claim",
                "false"));
        return mapper;
    }

    private static ProtocolMapperRepresentation audienceMapper() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("crm-api audience");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of("included.client.audience", "crm-api", "access.token.claim", "true", "id.token.claim",
                "false", "introspection.token.claim", "true", "lightweight.claim", "false"));
        return mapper;
    }

    private static String created(Response response) {
        try (response) {
            expectSuccess(response);
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static void expectSuccess(Response response) {
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            throw new WebApplicationException(response);
        }
    }

    /** Runs one admin call, turning transport and HTTP failures into the control plane's two kinds of error. */
    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ProcessingException e) {
            if (causedBy(e, NotAuthorizedException.class)) {
                throw new IllegalStateException("Keycloak refused the credentials of client '" + access.clientId()
                        + "' (check CRM_PROVISIONER_SECRET)", e);
            }
            if (causedBy(e, WebApplicationException.class)) {
                throw refusal(what, findCause(e, WebApplicationException.class));
            }
            throw new ServiceUnavailable("Keycloak at " + access.url() + " is unreachable (" + what + "): "
                    + rootMessage(e), e);
        } catch (WebApplicationException e) {
            throw refusal(what, e);
        }
    }

    private RuntimeException refusal(String what, WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        String detail = errorMessage(e);
        if (status >= 500 || status == 429) {
            return new ServiceUnavailable("Keycloak at " + access.url() + " failed to " + what + " (HTTP " + status
                    + "): " + detail, e);
        }
        if (status == 401 || status == 403) {
            return new IllegalStateException("Keycloak refused to " + what + " (HTTP " + status + "): client '"
                    + access.clientId() + "' lacks a realm-management role or its secret is wrong", e);
        }
        if (e instanceof NotFoundException && what.equals("sign in")) {
            return new IllegalStateException("Keycloak at " + access.url() + " has no realm '" + access.realm() + "'",
                    e);
        }
        LOG.log(Level.DEBUG, "Keycloak refused " + what, e);
        return new IllegalStateException("Keycloak refused to " + what + " (HTTP " + status + "): " + detail, e);
    }

    private static String errorMessage(WebApplicationException e) {
        try {
            Response response = e.getResponse();
            if (response != null && response.hasEntity()) {
                String body = response.readEntity(String.class);
                Matcher m = KEYCLOAK_ERROR.matcher(body);
                return m.find() ? m.group(2) : body;
            }
        } catch (RuntimeException unreadable) {
            // fall back to the status line below
        }
        return e.getMessage();
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return findCause(t, type) != null;
    }

    private static <E extends Throwable> E findCause(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
