package org.tesseracrm.web.api.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.tesseracrm.web.api.problem.Problem;

import jakarta.annotation.Priority;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place that decides whether a request body is JSON we are willing to read, before JSON-P or JSON-B sees it
 * (after {@link RequestSizeLimit} has capped and buffered it). Refused, each with a 4xx problem naming the reason:
 * a content type other than {@code application/json} in UTF-8 (415), bytes that are not UTF-8, nesting deeper than
 * {@value #MAX_DEPTH} levels, anything after the JSON value, and strings or keys with NUL, other control characters
 * (tab, line feed and carriage return excepted) or lone surrogates (400). PostgreSQL cannot store NUL in text or
 * jsonb, and a lone surrogate cannot be written as UTF-8: refused here, they can never reach it.
 */
@Provider
@Priority(Priorities.ENTITY_CODER - 90)
public class StrictJsonBodies implements ContainerRequestFilter {

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resourceInfo;

    /** Deep enough for every body of the API (a search body is 5 levels), shallow enough for any parser's stack. */
    public static final int MAX_DEPTH = 32;
    private static final Pattern JSON_TYPE = Pattern.compile(
            "^application/json\\s*(;\\s*charset\\s*=\\s*(\"utf-8\"|utf-8)\\s*)?$", Pattern.CASE_INSENSITIVE);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (FileUpload.Match.of(resourceInfo)
                || FormPost.Match.of(resourceInfo, request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readAllBytes();
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        if (body.length == 0) {
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || !JSON_TYPE.matcher(type.strip()).matches()) {
            request.abortWith(Problem.of("unsupported-media-type", "Unsupported Media Type",
                    Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as Content-Type: application/json (UTF-8, no other parameters).", path(request))
                    .toResponse());
            return;
        }
        String refusal = refusal(body);
        if (refusal != null) {
            request.abortWith(Problem.of("malformed-json", "Bad Request", Response.Status.BAD_REQUEST,
                    "The request body is not JSON this API reads: " + refusal + ".", path(request)).toResponse());
        }
    }

    /** Why the body cannot be read, or {@code null} when it is one JSON value within the limits. */
    public static String refusal(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return "the bytes are not UTF-8";
        }
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            int depth = 0;
            boolean started = false;
            while (!(started && depth == 0)) {
                if (!parser.hasNext()) {
                    return "it ends before the value does";
                }
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            return "it is nested deeper than " + MAX_DEPTH + " levels";
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME, VALUE_STRING -> {
                        String problem = badCharacters(parser.getString());
                        if (problem != null) {
                            return problem;
                        }
                    }
                    default -> {
                    }
                }
                started = true;
            }
            return trailing(parser) ? "there is more after the JSON value" : null;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return "it is not valid JSON";
        }
    }

    private static boolean trailing(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException e) {
            return true; // not even a token: garbage
        }
    }

    private static String badCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "a string contains NUL (\\u0000)";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                return "a string contains a control character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "a string contains a lone surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "a string contains a lone surrogate";
            }
        }
        return null;
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getPath();
    }
}
