package dev.rig.pack.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call's SendGrid client, and the translation of SendGrid's answers into outputs and RTP errors.
 *
 * <p>SendGrid answers errors as {@code {"errors": [{"message", "field", "help"}]}}: the HTTP status gives
 * the type, the messages and fields the text, {@code field} the argument to check.
 */
final class SendGridSession {

    static final ObjectMapper JSON = new ObjectMapper();

    private final SendGrid sendGrid;
    private final SendGridTransport transport;

    SendGridSession(SendGrid sendGrid, SendGridTransport transport) {
        this.sendGrid = sendGrid;
        this.transport = transport;
    }

    /**
     * Sends {@code request} and returns SendGrid's success answer.
     *
     * @param action what the call does, to complete "SendGrid refused to ...": {@code "send the email"}
     * @throws ToolException SendGrid's error answer or a failure to reach it, mapped
     * @throws InterruptedException when the call was interrupted (deadline or cancellation)
     */
    Response send(Request request, String action) throws ToolException, InterruptedException {
        Response response;
        try {
            response = sendGrid.api(request);
        } catch (HttpTimeoutException e) {
            throw ToolException.builder(ErrorType.TIMEOUT, "SendGrid did not answer in time to " + action)
                    .hint("try again; raise the tool's timeout in the policy if SendGrid is slow")
                    .cause(e)
                    .build();
        } catch (IOException e) {
            if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("interrupted while calling SendGrid");
            }
            String host = transport.lastHost() == null ? "SendGrid" : transport.lastHost();
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw ToolException.builder(ErrorType.TRANSIENT,
                            "could not reach SendGrid at " + host + " to " + action + ": " + reason)
                    .hint("check the network and packs.sendgrid.base_url in rig.yaml")
                    .cause(e)
                    .build();
        }
        if (response.getStatusCode() >= 400) {
            throw failure(response, action);
        }
        return response;
    }

    /** The RTP error for SendGrid's error answer. */
    static ToolException failure(Response response, String action) {
        int status = response.getStatusCode();
        List<String> messages = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        String errorId = null;
        for (JsonNode error : errors(response.getBody())) {
            String message = text(error, "message");
            if (message != null) {
                messages.add(message);
            }
            String field = text(error, "field");
            if (field != null) {
                fields.add(field);
            }
            errorId = errorId != null ? errorId : text(error, "error_id");
        }
        String vendorMessage = messages.isEmpty()
                ? "HTTP " + status + " without a SendGrid error body"
                : String.join("; ", messages);
        String fieldNote = fields.isEmpty() ? "" : " (field " + String.join(", ", fields) + ")";
        ToolException.Builder failure = status == 413
                ? ToolException.builder(ErrorType.VALIDATION_ERROR, "SendGrid refused to " + action
                        + ": the request is larger than SendGrid accepts" + fieldNote)
                : ToolException.forHttpStatus(status, "SendGrid refused to " + action + ": " + vendorMessage + fieldNote);
        failure.upstreamCode(errorId);
        for (String field : fields) {
            String argument = argumentOf(field);
            if (argument != null) {
                failure.hint("check the '" + argument + "' argument");
            }
        }
        switch (status) {
            case 401 -> failure.hint("check " + SendGridConnector.API_KEY_SLOT
                    + ": the key may be mistyped, revoked or deleted (SendGrid, Settings, API Keys)");
            case 403 -> failure.hint(fields.stream().anyMatch(field -> field.startsWith("from"))
                    ? "the sender must be a verified Sender Identity or on an authenticated domain"
                            + " (SendGrid, Settings, Sender Authentication)"
                    : "check the scopes of the key in " + SendGridConnector.API_KEY_SLOT
                            + " (SendGrid, Settings, API Keys)");
            case 429 -> failure.hint("SendGrid is throttling this account; try again later");
            default -> {
                if (status >= 500) {
                    failure.hint("SendGrid had a server error; try again");
                }
            }
        }
        String retryAfter = header(response, "Retry-After");
        if (retryAfter != null) {
            failure.retryAfterHeader(retryAfter);
        } else if (status == 429) {
            resetDelay(header(response, "X-RateLimit-Reset")).ifPresent(failure::retryAfter);
        }
        return failure.build();
    }

    /** A response header, whatever its case, or null. */
    static String header(Response response, String name) {
        if (response.getHeaders() == null) {
            return null;
        }
        return response.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** SendGrid's rate-limit reset header is the Unix time (seconds) when the limit resets. */
    private static Optional<Duration> resetDelay(String reset) {
        if (reset == null) {
            return Optional.empty();
        }
        try {
            Duration wait = Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    /** The tool argument a SendGrid field path concerns, or null. */
    private static String argumentOf(String field) {
        if (field.equals("from") || field.startsWith("from.")) {
            return "from_email";
        }
        if (field.startsWith("personalizations") || field.equals("to") || field.startsWith("to.")) {
            return "to";
        }
        if (field.equals("subject") || field.startsWith("subject.")) {
            return "subject";
        }
        if (field.startsWith("content")) {
            return "html_content' or 'text_content";
        }
        if (field.equals("generations")) {
            return "generations";
        }
        return null;
    }

    private static Iterable<JsonNode> errors(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            return errors.isArray() ? errors : List.of();
        } catch (IOException notJson) {
            return List.of();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
