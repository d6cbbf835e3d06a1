package org.tesseracrm.web.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.imports.entity.ImportSummary;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.TooLarge;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.FileUpload;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * CSV imports (docs/imports.md): upload a file, check the guessed mapping, start, follow the progress, download the
 * error report. Whoever may create contacts may import them, with the same rights as in the API (a rep's rows are
 * theirs; a matched contact is updated only if the importer may change it).
 */
@Path("imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
@Tag(name = "Imports", description = "CSV imports of contacts, leads and accounts: upload, mapping, start, progress, error report, restart.")
public class ImportsResource {

    @Inject
    RecordImports imports;

    @Inject
    ImportRuns runs;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest servletRequest;

    @Context
    jakarta.servlet.http.HttpServletResponse servletResponse;

    @POST
    @Path("contacts")
    @FileUpload
    @Consumes({"text/csv", MediaType.MULTIPART_FORM_DATA})
    @Operation(operationId = "uploadContactImport", summary = "Upload a CSV file of contacts", description = "The body is"
            + " the file (text/csv; a charset parameter names its encoding) or a multipart form with the part file"
            + " (the console's upload). A byte order mark decides the encoding; else encoding=, else UTF-8. The"
            + " delimiter (, ; tab |) is guessed from the header row unless given. The file is parsed and staged at"
            + " once (malformed CSV, a wrong encoding or a limit passed is a 4xx and keeps nothing); the response"
            + " shows the columns with the fields guessed for them and the first rows. Nothing is imported until"
            + " POST /imports/{id}/start. No Idempotency-Key replay: a repeated upload stages a second file.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(name = "ImportUploadForm", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "file", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")}))})
    @APIResponse(responseCode = "201", description = "Staged; start it", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Not CSV, not in its encoding, no header, a bad delimiter or encoding")
    @APIResponse(responseCode = "409", description = "The tenant has 10 imports staged or running")
    @APIResponse(responseCode = "413", description = "Over 512 MB, 1,048,576 rows, 500 columns or a row of 1 MB")
    public Response upload(
            @Parameter(description = "The file's encoding when it has no byte order mark (default UTF-8)", example = "windows-1252") @QueryParam("encoding") String encoding,
            @Parameter(description = "The delimiter: one character, or tab (default: guessed)", example = ";") @QueryParam("delimiter") String delimiter,
            @Parameter(description = "The file's name, shown in the list (a multipart upload brings its own)") @QueryParam("fileName") String fileName) {
        return staged("contact", encoding, delimiter, fileName);
    }

    @POST
    @Path("leads")
    @FileUpload
    @Consumes({"text/csv", MediaType.MULTIPART_FORM_DATA})
    @Operation(operationId = "uploadLeadImport", summary = "Upload a CSV file of leads", description = "As"
            + " uploadContactImport, for leads: their fields (company, industry, source, priority, status, estimated"
            + " value and currency among them) are guessed from the headers. Each row is created or updated through"
            + " the same code as POST /leads, so a lead without an owner column gets one from the assignment rules,"
            + " and every lead is scored.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(name = "ImportUploadForm", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "file", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")}))})
    @APIResponse(responseCode = "201", description = "Staged; start it", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Not CSV, not in its encoding, no header, a bad delimiter or encoding")
    @APIResponse(responseCode = "409", description = "The tenant has 10 imports staged or running")
    @APIResponse(responseCode = "413", description = "Over 512 MB, 1,048,576 rows, 500 columns or a row of 1 MB")
    public Response uploadLeads(
            @Parameter(description = "The file's encoding when it has no byte order mark (default UTF-8)", example = "windows-1252") @QueryParam("encoding") String encoding,
            @Parameter(description = "The delimiter: one character, or tab (default: guessed)", example = ";") @QueryParam("delimiter") String delimiter,
            @Parameter(description = "The file's name, shown in the list (a multipart upload brings its own)") @QueryParam("fileName") String fileName) {
        return staged("lead", encoding, delimiter, fileName);
    }

    @POST
    @Path("accounts")
    @FileUpload
    @Consumes({"text/csv", MediaType.MULTIPART_FORM_DATA})
    @Operation(operationId = "uploadAccountImport", summary = "Upload a CSV file of accounts", description = "As"
            + " uploadContactImport, for accounts: name, domain (read from a web address too), industry, website,"
            + " phone, tier, owner, tags, externalId and custom fields, guessed from the headers; rows match by domain"
            + " or externalId. Each row is created or updated through the same code as POST /accounts.")
    @RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(name = "ImportUploadForm", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "file", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")}))})
    @APIResponse(responseCode = "201", description = "Staged; start it", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "Not CSV, not in its encoding, no header, a bad delimiter or encoding")
    @APIResponse(responseCode = "409", description = "The tenant has 10 imports staged or running")
    @APIResponse(responseCode = "413", description = "Over 512 MB, 1,048,576 rows, 500 columns or a row of 1 MB")
    public Response uploadAccounts(
            @Parameter(description = "The file's encoding when it has no byte order mark (default UTF-8)", example = "windows-1252") @QueryParam("encoding") String encoding,
            @Parameter(description = "The delimiter: one character, or tab (default: guessed)", example = ";") @QueryParam("delimiter") String delimiter,
            @Parameter(description = "The file's name, shown in the list (a multipart upload brings its own)") @QueryParam("fileName") String fileName) {
        return staged("account", encoding, delimiter, fileName);
    }

    private Response staged(String objectType, String encoding, String delimiter, String fileName) {
        ImportSummary staged;
        boolean multipart = JakartaServletFileUpload.isMultipartContent(servletRequest);
        try {
            imports.requireDeclaredSize(servletRequest.getContentLengthLong(), multipart);
        } catch (TooLarge e) {
            // the rest of the body is never read, so the connection cannot serve another request after the answer
            servletResponse.setHeader("Connection", "close");
            throw e;
        }
        try {
            if (multipart) {
                staged = multipart(objectType, encoding, delimiter);
            } else {
                String charset = charset(servletRequest.getContentType());
                staged = imports.upload(objectType, servletRequest.getInputStream(), fileName,
                        encoding != null ? encoding : charset, delimiter, callers.current());
            }
        } catch (IOException e) {
            throw new InvalidInput("file", "could not be read: " + e.getMessage());
        }
        return Response.created(uriInfo.getBaseUriBuilder().path("imports/{id}").build(staged.id()))
                .entity(runs.view(staged)).build();
    }

    /** The charset parameter of a Content-Type (the servlet's default would be ISO-8859-1, not "none given"). */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "");
            }
        }
        return null;
    }

    private ImportSummary multipart(String objectType, String encoding, String delimiter) throws IOException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        try {
            FileItemInputIterator parts = upload.getItemIterator(servletRequest);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (!part.isFormField() && "file".equals(part.getFieldName())) {
                    try (InputStream file = part.getInputStream()) {
                        return imports.upload(objectType, file, part.getName(), encoding, delimiter,
                                callers.current());
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new InvalidInput("file", "is no readable multipart form: " + e.getMessage());
        }
        throw new InvalidInput("file", "is missing: send the CSV file as the form part named file");
    }

    @GET
    @Operation(operationId = "listImports", summary = "The caller's imports (an admin's: everyone's), newest first")
    public List<ImportResponse> list(
            @Parameter(description = "At most this many (1-200, default 50)") @QueryParam("limit") Integer limit) {
        return imports.list(callers.current(), limit == null ? 50 : limit).stream().map(runs::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getImport", summary = "An import with its progress")
    @APIResponse(responseCode = "404", description = "No such import of the caller's")
    public ImportResponse one(@PathParam("id") String id) {
        return runs.find(Ids.path("import", id));
    }

    @POST
    @Path("{id}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startImport", summary = "Start an uploaded import with a mapping and duplicate handling")
    @RequestBody(content = @Content(schema = @Schema(implementation = ImportStartInput.class)))
    @APIResponse(responseCode = "202", description = "Started; follow GET /imports/{id}", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "400", description = "An unknown header or field, a field mapped twice, no lastName/email/externalId column, matchBy unmapped")
    @APIResponse(responseCode = "404", description = "No such import of the caller's")
    @APIResponse(responseCode = "409", description = "Started already")
    public Response start(@PathParam("id") String id, JsonValue request) {
        UUID importId = Ids.path("import", id);
        JsonBody body = JsonBody.of(request == null ? JsonValue.EMPTY_JSON_OBJECT : request, ImportStartInput.FIELDS);
        Map<String, String> mapping = null;
        if (body.has("mapping") && body.raw("mapping").getValueType() != JsonValue.ValueType.NULL) {
            JsonObject given = body.object("mapping");
            mapping = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
                JsonValue field = entry.getValue();
                if (field.getValueType() != JsonValue.ValueType.NULL && !(field instanceof JsonString)) {
                    throw new InvalidInput("mapping." + entry.getKey(), "must be a field name or null");
                }
                mapping.put(entry.getKey(), field instanceof JsonString s ? s.getString() : null);
            }
        }
        Boolean save = body.bool("saveMapping");
        ImportResponse started = runs.start(importId, mapping, body.string("matchBy"), body.string("duplicates"),
                Boolean.TRUE.equals(save));
        return Response.accepted(started).location(uriInfo.getBaseUriBuilder().path("imports/{id}")
                .build(importId)).build();
    }

    @POST
    @Path("{id}/restart")
    @Operation(operationId = "restartImport", summary = "Go on with a failed import after its last written row")
    @APIResponse(responseCode = "202", description = "Restarted", content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    @APIResponse(responseCode = "404", description = "No such import of the caller's")
    @APIResponse(responseCode = "409", description = "The import is not failed (it waits, runs or completed)")
    public Response restart(@PathParam("id") String id) {
        return Response.accepted(runs.restart(Ids.path("import", id))).build();
    }

    @GET
    @Path("{id}/errors")
    @Produces("text/csv")
    @Operation(operationId = "exportImportErrors", summary = "The error report: line, reason and the row, for every refused row")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "No such import of the caller's")
    public Response errors(@PathParam("id") String id) {
        UUID importId = Ids.path("import", id);
        return Response.ok(runs.errorReport(importId), "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"import-" + importId + "-errors.csv\"").build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteImport", summary = "Delete an import that is not running, with its staged rows and error report")
    @APIResponse(responseCode = "204", description = "Deleted; the records it wrote stay")
    @APIResponse(responseCode = "404", description = "No such import of the caller's")
    @APIResponse(responseCode = "409", description = "The import is running")
    public Response delete(@PathParam("id") String id) {
        runs.delete(Ids.path("import", id));
        return Response.noContent().build();
    }
}
