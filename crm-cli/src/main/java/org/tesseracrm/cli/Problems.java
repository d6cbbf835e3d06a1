package org.tesseracrm.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tesseracrm.client.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what went wrong into a message on stderr and the documented exit code: the API's problem+json (title,
 * detail, field errors, correlation id) for its refusals, 3 for a refused token, 4 for a 404.
 */
final class Problems implements IExecutionExceptionHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code;
        if (failure instanceof CliFailure cli) {
            err.println("tessera: " + cli.getMessage());
            code = cli.exitCode();
        } else if (failure instanceof ApiException api) {
            code = printProblem(api, err);
        } else if (failure instanceof ConnectException || failure instanceof HttpTimeoutException) {
            err.println("tessera: cannot reach the server: " + failure);
            code = ExitCodes.API_ERROR;
        } else if (failure instanceof java.io.IOException io) {
            err.println("tessera: " + io);
            code = ExitCodes.API_ERROR;
        } else {
            err.println("tessera: unexpected failure: " + failure);
            code = ExitCodes.API_ERROR;
        }
        err.flush();
        return code;
    }

    static int printProblem(ApiException api, PrintWriter err) {
        int status = api.getCode();
        if (status == 0) {
            err.println("tessera: cannot reach the server: " + api.getMessage());
            return ExitCodes.API_ERROR;
        }
        JsonNode problem = readProblem(api.getResponseBody());
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        StringBuilder line = new StringBuilder("tessera: ").append(status);
        if (!title.isEmpty()) {
            line.append(' ').append(title);
        }
        if (!detail.isEmpty()) {
            line.append(": ").append(detail);
        }
        err.println(line);
        for (JsonNode error : problem.path("errors")) {
            err.println("  " + error.path("field").asText("?") + ": " + error.path("message").asText(""));
        }
        if (problem.hasNonNull("type")) {
            err.println("  type: " + problem.get("type").asText());
        }
        if (problem.hasNonNull("correlationId")) {
            err.println("  correlation id: " + problem.get("correlationId").asText());
        }
        if (status == 401) {
            err.println("tessera: the server refused the login: run tessera login again.");
            return ExitCodes.NOT_LOGGED_IN;
        }
        return status == 404 ? ExitCodes.NOT_FOUND : ExitCodes.API_ERROR;
    }

    private static JsonNode readProblem(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
