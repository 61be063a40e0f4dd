package dev.rig.pack.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

/**
 * GitHub's failures as RTP errors. GitHub answers errors with a status and
 * {@code {"message": ..., "errors": [...], "documentation_url": ...}}; the message is kept as
 * {@code upstream_code}. A 403 or 429 is a rate limit, not a permission error, when GitHub says so:
 * {@code x-ratelimit-remaining: 0} (primary; wait until {@code x-ratelimit-reset}, epoch seconds),
 * {@code Retry-After}, or a "secondary rate limit" message (wait at least a minute).
 */
final class GitHubErrors {

    /** What a request was doing, for messages: what it tried, and what a 404 means there. */
    record Action(String doing, String missing, String missingHint, String permission) {
    }

    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = GitHubApi.TOKEN_SLOT;

    private GitHubErrors() {
    }

    /**
     * The failure for what github-api threw while {@code action} ran.
     *
     * @throws InterruptedException when the request ended because the thread was interrupted
     */
    static ToolException of(Action action, IOException e, String baseUrl) throws InterruptedException {
        if (e instanceof DeadlineConnector.NoAnswer noAnswer) {
            return noAnswer(action, noAnswer, baseUrl);
        }
        if (e instanceof LimitReached limit) {
            return limited(action, limit.status(), message(limit.body()), limit.header("Retry-After"),
                    limit.header("X-RateLimit-Remaining"), limit.header("X-RateLimit-Reset"), limit.header("Date"));
        }
        if (e instanceof GHFileNotFoundException notFound) {
            String body = notFound.getMessage() == null || notFound.getMessage().indexOf('{') < 0 ? null
                    : notFound.getMessage().substring(notFound.getMessage().indexOf('{'));
            GitHubMessage said = message(body);
            return ToolException.builder(ErrorType.NOT_FOUND, action.missing())
                    .upstreamCode(said.text() == null ? "Not Found" : said.text())
                    .hint(action.missingHint())
                    .build();
        }
        if (e instanceof HttpException http && http.getResponseCode() >= 400) {
            return fromStatus(action, http.getResponseCode(), message(http.getMessage()));
        }
        if (e instanceof HttpException http && http.getResponseCode() >= 200 && http.getResponseCode() < 300) {
            return ToolException.builder(ErrorType.UPSTREAM_ERROR, "GitHub's answer to " + action.doing()
                            + " could not be read (HTTP " + http.getResponseCode() + ")")
                    .hint("check packs.github.base_url (now " + baseUrl + "): it must point at the GitHub REST API")
                    .build();
        }
        return ToolException.builder(ErrorType.UPSTREAM_ERROR, "GitHub failed to " + action.doing() + " ("
                        + e.getClass().getSimpleName() + ")")
                .cause(e)
                .build();
    }

    private static ToolException fromStatus(Action action, int status, GitHubMessage said) {
        String text = said.text() == null ? "HTTP " + status : said.text();
        if ((status == 403 || status == 429) && text.toLowerCase(Locale.ROOT).contains("rate limit")) {
            return limited(action, status, said, null, null, null, null);
        }
        ErrorType type = ToolException.typeOfHttpStatus(status);
        if (status == 422 && said.mentionsExisting()) {
            type = ErrorType.CONFLICT;
        }
        String message = status == 404 || status == 410 ? action.missing() + " (" + text + ")"
                : "GitHub could not " + action.doing() + ": " + text + said.details();
        ToolException.Builder failure = ToolException.builder(type, message).upstreamCode(text);
        switch (type) {
            case AUTH_ERROR -> failure.hint("check " + TOKEN + ": GitHub refused it (expired, revoked or"
                    + " mistyped); create a new token at https://github.com/settings/tokens");
            case PERMISSION_ERROR -> failure.hint("give " + TOKEN + " " + action.permission()
                    + " on the repository (fine-grained token), or the repo scope (classic token); an"
                    + " organization may also need to approve the token (SSO)");
            case NOT_FOUND -> failure.hint(action.missingHint());
            case TRANSIENT -> failure.hint("GitHub had a problem; try again shortly (https://www.githubstatus.com)");
            default -> {
            }
        }
        if (said.documentation() != null) {
            failure.hint("see " + said.documentation());
        }
        return failure.build();
    }

    private static ToolException limited(Action action, int status, GitHubMessage said, String retryAfter,
                                         String remaining, String reset, String date) {
        boolean primary = "0".equals(remaining == null ? null : remaining.strip());
        String text = said.text() == null ? "rate limit exceeded (HTTP " + status + ")" : said.text();
        ToolException.Builder failure = ToolException.builder(ErrorType.RATE_LIMITED,
                        "GitHub rate limit reached while trying to " + action.doing() + ": " + text)
                .upstreamCode(text);
        if (retryAfter != null) {
            failure.retryAfterHeader(retryAfter);
        } else if (primary && reset != null) {
            failure.retryAfter(untilReset(reset, date));
        } else {
            failure.retryAfter(SECONDARY_LIMIT_WAIT);
        }
        return failure.hint(primary
                        ? "the token's hourly request quota is used up; it resets at x-ratelimit-reset"
                        : "GitHub limits bursts of requests (secondary rate limit); slow down")
                .build();
    }

    /** The time until {@code reset} (epoch seconds), measured on GitHub's clock when it sent a Date. */
    private static Duration untilReset(String reset, String date) {
        long resetAt;
        try {
            resetAt = Long.parseLong(reset.strip());
        } catch (NumberFormatException e) {
            return SECONDARY_LIMIT_WAIT;
        }
        Instant now = Instant.now();
        if (date != null) {
            try {
                now = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // keep the local clock
            }
        }
        Duration wait = Duration.between(now, Instant.ofEpochSecond(resetAt));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static ToolException noAnswer(Action action, DeadlineConnector.NoAnswer e, String baseUrl)
            throws InterruptedException {
        Throwable cause = e.getCause();
        if (cause instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("GitHub request interrupted");
        }
        if (cause instanceof HttpTimeoutException) {
            return ToolException.builder(ErrorType.TIMEOUT, "GitHub did not answer in time to " + action.doing())
                    .hint("try again; GitHub may be slow (https://www.githubstatus.com)")
                    .cause(e)
                    .build();
        }
        String why = cause instanceof ConnectException ? "the connection was refused or could not be made"
                : "the connection failed (" + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
        return ToolException.builder(ErrorType.TRANSIENT, "could not reach GitHub at " + baseUrl + " to "
                        + action.doing() + ": " + why)
                .hint("check the network and packs.github.base_url (now " + baseUrl + ")")
                .cause(e)
                .build();
    }

    /** GitHub's error body, read leniently: the message, the details of {@code errors}, the docs link. */
    private record GitHubMessage(String text, List<String> errors, String documentation) {

        String details() {
            return errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")";
        }

        boolean mentionsExisting() {
            return errors.stream().anyMatch(error -> error.contains("already_exists")
                    || error.toLowerCase(Locale.ROOT).contains("already exists"));
        }
    }

    private static GitHubMessage message(String body) {
        if (body == null || body.isBlank()) {
            return new GitHubMessage(null, List.of(), null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return new GitHubMessage(null, List.of(), null);
        }
        if (root == null || !root.isObject()) {
            return new GitHubMessage(null, List.of(), null);
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            if (error.isTextual()) {
                errors.add(error.asText());
            } else if (error.isObject()) {
                String field = error.path("field").asText("");
                String code = error.path("code").asText("");
                String text = error.path("message").asText("");
                String detail = !text.isEmpty() ? text : code;
                errors.add(field.isEmpty() ? detail : field + ": " + detail
                        + (!text.isEmpty() && !code.isEmpty() && !code.equals("custom") ? " (" + code + ")" : ""));
            }
        }
        String text = root.path("message").isTextual() ? root.path("message").asText() : null;
        String documentation = root.path("documentation_url").isTextual() ? root.path("documentation_url").asText()
                : null;
        return new GitHubMessage(text, errors, documentation);
    }
}
