package org.tesseracrm.web.api.mail;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.mail.boundary.Mailboxes;
import org.tesseracrm.mail.entity.Mailbox;
import org.tesseracrm.mail.entity.SendingWindow;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Users' mailboxes: sender address, name, signature and sending limits (rules in {@code Mailboxes}). */
@Path("mailboxes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mailboxes", description = "Who a user's e-mails come from, their signature, and the caps and gap that pace their sending.")
public class MailboxesResource {

    @Inject
    Mailboxes mailboxes;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "listMailboxes", summary = "Every mailbox of the tenant, by user")
    public List<MailboxResponse> all() {
        return mailboxes.all(callers.current()).stream().map(MailboxResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getMailbox", summary = "One mailbox (a rep or viewer sees only their own)")
    @APIResponse(responseCode = "404", description = "No such mailbox, or not yours to see")
    public MailboxResponse one(@PathParam("id") String id) {
        return MailboxResponse.of(mailboxes.find(Ids.path("mailbox", id), callers.current()));
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createMailbox", summary = "Set up a user's mailbox")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = MailboxResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong, or the user is unknown")
    @APIResponse(responseCode = "409", description = "The user has a mailbox already")
    public Response create(MailboxRequest request) {
        MailboxRequest body = required(request);
        MailboxResponse created = MailboxResponse.of(mailboxes.create(body.username(), settings(body),
                imap(body), callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "replaceMailbox", summary = "Change a mailbox (its owner: name, signature and IMAP account only)")
    @APIResponse(responseCode = "403", description = "Not an admin, and not only the name, signature or IMAP account of your own")
    @APIResponse(responseCode = "412", description = "Stale version: read the mailbox again")
    public MailboxResponse replace(@PathParam("id") String id, MailboxRequest request) {
        MailboxRequest body = required(request);
        if (body.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        if (body.username() != null) {
            throw new InvalidInput("username", "cannot change: a mailbox stays its user's");
        }
        return MailboxResponse.of(mailboxes.update(Ids.path("mailbox", id), body.version(), settings(body),
                imap(body), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteMailbox", summary = "Remove a mailbox (its user sends from their own address again)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        mailboxes.delete(Ids.path("mailbox", id), callers.current());
    }

    private static Mailbox.Settings settings(MailboxRequest body) {
        return new Mailbox.Settings(body.fromAddress(), body.fromName(), body.signature(), body.dailyCap(),
                body.hourlyCap(), body.minGapSeconds(), window(body.sendingWindow()));
    }

    private static final java.util.regex.Pattern HOUR_MINUTE = java.util.regex.Pattern.compile(
            "^([01][0-9]|2[0-3]):[0-5][0-9]$");

    private static SendingWindow window(MailboxRequest.SendingWindowRequest window) {
        if (window == null) {
            return null;
        }
        java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
        for (String day : window.days() == null ? java.util.List.<String>of() : window.days()) {
            java.time.DayOfWeek found = day == null
                    ? null
                    : java.util.Arrays.stream(java.time.DayOfWeek.values())
                            .filter(d -> d.name().substring(0, 3).equalsIgnoreCase(day.strip())).findFirst()
                            .orElse(null);
            if (found == null) {
                throw new InvalidInput("sendingWindow.days", "names days as MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            days.add(found);
        }
        return new SendingWindow(days, time("sendingWindow.start", window.start()), time("sendingWindow.end",
                window.end()), window.timeZone(), Boolean.TRUE.equals(window.inRecipientZone()));
    }

    private static java.time.LocalTime time(String field, String text) {
        if (text == null) {
            return null;
        }
        if (!HOUR_MINUTE.matcher(text).matches()) {
            throw new InvalidInput(field, "is a local time as HH:mm (09:00)");
        }
        return java.time.LocalTime.parse(text);
    }

    private static Mailboxes.ImapChange imap(MailboxRequest body) {
        MailboxRequest.ImapRequest imap = body.imap();
        return imap == null
                ? null
                : new Mailboxes.ImapChange(imap.host(), imap.port(), imap.security(),
                        imap.username(), imap.password(), imap.folder());
    }

    private static MailboxRequest required(MailboxRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return request;
    }
}
