package dev.rig.pack.slack;

import static dev.rig.spi.ErrorType.AUTH_ERROR;
import static dev.rig.spi.ErrorType.CONFLICT;
import static dev.rig.spi.ErrorType.NOT_FOUND;
import static dev.rig.spi.ErrorType.PERMISSION_ERROR;
import static dev.rig.spi.ErrorType.RATE_LIMITED;
import static dev.rig.spi.ErrorType.TRANSIENT;
import static dev.rig.spi.ErrorType.UPSTREAM_ERROR;
import static dev.rig.spi.ErrorType.VALIDATION_ERROR;

import com.slack.api.methods.SlackApiErrorResponse;
import com.slack.api.methods.SlackApiException;
import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Slack's failures as RTP errors. Slack answers most failures with HTTP 200 and
 * {@code {"ok": false, "error": "<code>"}}: the code decides the type (the table below, from the
 * methods' documented errors) and is kept as {@code upstream_code}. Rate limits come as HTTP 429
 * with {@code Retry-After} (seconds); outages as 5xx.
 */
final class SlackErrors {

    private static final String TOKEN = SlackClient.TOKEN_SLOT;
    private static final String CHECK_TOKEN = "check " + TOKEN + ": it must be the current bot token (xoxb-...) of"
            + " a Slack app installed in the workspace";
    private static final String FIND_CHANNEL = "find the channel id with slack.channels.list; for a private"
            + " channel the bot must be a member";

    /** What one Slack error code means: its type, a clause naming the field at fault, what to check. */
    private record Meaning(ErrorType type, String why, String hint) {
    }

    private static final Map<String, Meaning> CODES = Map.ofEntries(
            // the credential
            Map.entry("not_authed", new Meaning(AUTH_ERROR, "no token reached Slack", CHECK_TOKEN)),
            Map.entry("invalid_auth", new Meaning(AUTH_ERROR, "the token is not valid", CHECK_TOKEN)),
            Map.entry("account_inactive", new Meaning(AUTH_ERROR, "the token belongs to a deleted user or workspace",
                    CHECK_TOKEN)),
            Map.entry("token_revoked", new Meaning(AUTH_ERROR, "the token was revoked or the app uninstalled",
                    CHECK_TOKEN)),
            Map.entry("token_expired", new Meaning(AUTH_ERROR, "the token has expired", CHECK_TOKEN)),
            Map.entry("not_allowed_token_type", new Meaning(AUTH_ERROR, "this kind of token cannot call the method",
                    "set " + TOKEN + " to a bot token (xoxb-...)")),
            Map.entry("is_bot", new Meaning(AUTH_ERROR, "a legacy bot token cannot call the method",
                    "set " + TOKEN + " to the bot token of a Slack app (xoxb-...)")),
            Map.entry("two_factor_setup_required", new Meaning(AUTH_ERROR,
                    "the token's user must set up two-factor authentication", CHECK_TOKEN)),
            // what the token may do
            Map.entry("missing_scope", new Meaning(PERMISSION_ERROR, "the token lacks a scope the method needs",
                    null)),
            Map.entry("not_in_channel", new Meaning(PERMISSION_ERROR, "channel: the bot is not a member",
                    "invite the bot to the channel (/invite @your-app), or add the chat:write.public scope to post"
                            + " in public channels without joining")),
            Map.entry("restricted_action", new Meaning(PERMISSION_ERROR,
                    "a workspace preference forbids the bot to post there", "ask a workspace admin")),
            Map.entry("restricted_action_read_only_channel", new Meaning(PERMISSION_ERROR,
                    "channel: the channel is read-only", "post in another channel")),
            Map.entry("restricted_action_thread_only_channel", new Meaning(PERMISSION_ERROR,
                    "channel: only thread replies are allowed there", "pass thread_ts to reply in a thread")),
            Map.entry("restricted_action_non_threadable_channel", new Meaning(PERMISSION_ERROR,
                    "thread_ts: the channel does not allow threads", "post without thread_ts")),
            Map.entry("restricted_action_thread_locked", new Meaning(PERMISSION_ERROR,
                    "thread_ts: an admin locked the thread", "post outside the thread")),
            Map.entry("cant_update_message", new Meaning(PERMISSION_ERROR,
                    "ts: the bot may not edit this message", "a bot can only update messages it posted itself")),
            Map.entry("edit_window_closed", new Meaning(PERMISSION_ERROR,
                    "ts: the workspace's edit window for the message has closed", "post a new message instead")),
            Map.entry("access_denied", new Meaning(PERMISSION_ERROR, "access to the resource is denied", null)),
            Map.entry("accesslimited", new Meaning(PERMISSION_ERROR, "the method is limited on this network", null)),
            Map.entry("no_permission", new Meaning(PERMISSION_ERROR,
                    "the token lacks the permissions the method needs", "check the app's scopes")),
            Map.entry("ekm_access_denied", new Meaning(PERMISSION_ERROR, "workspace admins suspended this action",
                    "ask a workspace admin")),
            Map.entry("enterprise_is_restricted", new Meaning(PERMISSION_ERROR,
                    "the method cannot be called from an Enterprise org", null)),
            Map.entry("team_access_not_granted", new Meaning(PERMISSION_ERROR,
                    "the token has no access to the workspace of the channel", "install the app in that workspace")),
            Map.entry("messages_tab_disabled", new Meaning(PERMISSION_ERROR,
                    "channel: the app's Messages tab is disabled", "enable it in the app's App Home settings")),
            Map.entry("app_access_restricted", new Meaning(PERMISSION_ERROR,
                    "the user may not use this app", "ask a workspace admin")),
            // what the call named
            Map.entry("channel_not_found", new Meaning(NOT_FOUND, "channel: no such channel, or the bot cannot see"
                    + " it", FIND_CHANNEL)),
            Map.entry("message_not_found", new Meaning(NOT_FOUND, "ts: no message with this ts in the channel",
                    "pass the ts and channel id that slack.messages.post returned")),
            Map.entry("thread_not_found", new Meaning(NOT_FOUND, "thread_ts: no such thread in the channel",
                    "pass the ts of the thread's first message")),
            Map.entry("users_not_found", new Meaning(NOT_FOUND, "email: no user of the workspace has this address",
                    "check the address; guests and users of other workspaces are not found")),
            Map.entry("user_not_found", new Meaning(NOT_FOUND, "no such user", null)),
            Map.entry("team_not_found", new Meaning(NOT_FOUND,
                    "channel: the channel's workspace was not found", "pass a channel id rather than a name")),
            // the state of the channel or message
            Map.entry("is_archived", new Meaning(CONFLICT, "channel: the channel is archived",
                    "unarchive the channel or post in another one")),
            Map.entry("is_inactive", new Meaning(CONFLICT,
                    "channel: the channel is frozen, archived or deleted", "post in another channel")),
            Map.entry("streaming_state_conflict", new Meaning(CONFLICT,
                    "ts: the message is still streaming", "update it once streaming has ended")),
            // the arguments
            Map.entry("no_text", new Meaning(VALIDATION_ERROR, "text: no message text was given",
                    "give text, or blocks with content")),
            Map.entry("msg_too_long", new Meaning(VALIDATION_ERROR, "text: the message text is too long",
                    "shorten text (Slack truncates over 40,000 characters; chat.update allows 4,000)")),
            Map.entry("msg_blocks_too_long", new Meaning(VALIDATION_ERROR, "blocks: the blocks are too long",
                    "send fewer or shorter blocks")),
            Map.entry("invalid_blocks", new Meaning(VALIDATION_ERROR, "blocks: the blocks are not valid",
                    "check blocks against Block Kit (https://app.slack.com/block-kit-builder)")),
            Map.entry("invalid_blocks_format", new Meaning(VALIDATION_ERROR,
                    "blocks: the blocks are not Block Kit JSON", "pass blocks as an array of Block Kit objects")),
            Map.entry("block_mismatch", new Meaning(VALIDATION_ERROR,
                    "blocks: rich-text blocks cannot be replaced with other blocks", null)),
            Map.entry("invalid_attachments", new Meaning(VALIDATION_ERROR, "the attachments are not valid", null)),
            Map.entry("too_many_attachments", new Meaning(VALIDATION_ERROR,
                    "the message has more than 100 attachments", null)),
            Map.entry("attachment_payload_limit_exceeded", new Meaning(VALIDATION_ERROR,
                    "the attachments are too large", null)),
            Map.entry("too_many_contact_cards", new Meaning(VALIDATION_ERROR,
                    "the message has more than 10 contact cards", null)),
            Map.entry("markdown_text_conflict", new Meaning(VALIDATION_ERROR,
                    "markdown text cannot be combined with text or blocks", null)),
            Map.entry("cannot_reply_to_message", new Meaning(VALIDATION_ERROR,
                    "thread_ts: this message cannot have thread replies", "post without thread_ts")),
            Map.entry("invalid_arguments", new Meaning(VALIDATION_ERROR, "an argument is not valid", null)),
            Map.entry("invalid_arg_name", new Meaning(VALIDATION_ERROR, "an argument name is not valid", null)),
            Map.entry("invalid_array_arg", new Meaning(VALIDATION_ERROR, "an argument was passed as an array", null)),
            Map.entry("missing_argument", new Meaning(VALIDATION_ERROR, "a required argument is missing", null)),
            Map.entry("invalid_cursor", new Meaning(VALIDATION_ERROR,
                    "cursor: the cursor is not valid or has expired", "start again without cursor")),
            Map.entry("invalid_limit", new Meaning(VALIDATION_ERROR, "limit: the limit is not understood",
                    "pass limit between 1 and 1000")),
            Map.entry("invalid_types", new Meaning(VALIDATION_ERROR,
                    "types: these conversation types cannot be listed with the token's scopes",
                    "list public_channel only, or add the channels:read, groups:read, im:read or mpim:read scope")),
            Map.entry("invalid_metadata_format", new Meaning(VALIDATION_ERROR, "the metadata is not valid", null)),
            Map.entry("invalid_metadata_schema", new Meaning(VALIDATION_ERROR, "the metadata is not valid", null)),
            Map.entry("metadata_too_large", new Meaning(VALIDATION_ERROR, "the metadata is too large", null)),
            // rate limits
            Map.entry("ratelimited", new Meaning(RATE_LIMITED, "the app made too many calls",
                    "wait for the Retry-After time before calling again")),
            Map.entry("rate_limited", new Meaning(RATE_LIMITED, "the app posted too many messages",
                    "post at most about one message per second per channel")),
            Map.entry("message_limit_exceeded", new Meaning(RATE_LIMITED,
                    "members of the workspace are sending too many messages", "try again later")),
            // Slack's own trouble
            Map.entry("fatal_error", new Meaning(TRANSIENT, "Slack failed with a catastrophic error; part of the"
                    + " operation may have happened", "check the channel before trying a write again")),
            Map.entry("internal_error", new Meaning(TRANSIENT, "Slack failed, likely a transient problem; part of"
                    + " the operation may have happened", "check the channel before trying a write again")),
            Map.entry("service_unavailable", new Meaning(TRANSIENT, "the service is temporarily unavailable",
                    null)),
            Map.entry("request_timeout", new Meaning(TRANSIENT, "the request data arrived missing or truncated",
                    null)),
            Map.entry("update_failed", new Meaning(TRANSIENT, "Slack's update failed internally", null)),
            Map.entry("external_channel_migrating", new Meaning(TRANSIENT, "channel: the channel is migrating",
                    null)),
            // requests the pack built wrong, or a workspace that cannot answer
            Map.entry("invalid_form_data", new Meaning(UPSTREAM_ERROR, "Slack could not read the request", null)),
            Map.entry("invalid_post_type", new Meaning(UPSTREAM_ERROR, "Slack could not read the request", null)),
            Map.entry("missing_post_type", new Meaning(UPSTREAM_ERROR, "Slack could not read the request", null)),
            Map.entry("invalid_charset", new Meaning(UPSTREAM_ERROR, "Slack could not read the request", null)),
            Map.entry("unknown_method", new Meaning(UPSTREAM_ERROR, "the method is not available", null)),
            Map.entry("method_deprecated", new Meaning(UPSTREAM_ERROR, "the method is deprecated", null)),
            Map.entry("deprecated_endpoint", new Meaning(UPSTREAM_ERROR, "the endpoint is deprecated", null)),
            Map.entry("org_login_required", new Meaning(UPSTREAM_ERROR,
                    "the workspace is migrating to an Enterprise org", "try again once the migration is complete")),
            Map.entry("team_added_to_org", new Meaning(UPSTREAM_ERROR,
                    "the workspace is migrating to an Enterprise org", "try again once the migration is complete")));

    private SlackErrors() {
    }

    /**
     * The failure for an answer with {@code "ok": false}.
     *
     * @param code Slack's {@code error}; may be null
     * @param needed the scope Slack names for {@code missing_scope}; may be null
     * @param said Slack's further explanations ({@code response_metadata.messages}, {@code errors})
     * @param headers the answer's headers, lower-case names; may be null
     */
    static ToolException fromErrorCode(String method, String code, String needed, List<String> said,
                                       Map<String, List<String>> headers) {
        String known = code == null || code.isBlank() ? "unknown_error" : code;
        Meaning meaning = CODES.getOrDefault(known, new Meaning(UPSTREAM_ERROR, "Slack gave no further reason",
                "see https://docs.slack.dev/reference/methods/" + method + " for what " + known + " means"));
        StringBuilder message = new StringBuilder("Slack ").append(method).append(" failed with ").append(known)
                .append(": ").append(meaning.why());
        if ("missing_scope".equals(known) && needed != null) {
            message.append(" (needs ").append(needed).append(')');
        }
        if (!said.isEmpty()) {
            message.append("; Slack says: ").append(String.join("; ", said));
        }
        ToolException.Builder failure = ToolException.builder(meaning.type(), message.toString()).upstreamCode(known);
        if (meaning.type() == RATE_LIMITED) {
            failure.retryAfterHeader(header(headers, "retry-after"));
        }
        if ("missing_scope".equals(known)) {
            failure.hint("add the " + (needed == null ? "missing" : needed) + " scope to the Slack app (OAuth &"
                    + " Permissions), reinstall the app and update " + TOKEN);
        } else if (meaning.hint() != null) {
            failure.hint(meaning.hint());
        }
        return failure.build();
    }

    /** The failure for an HTTP error status (429 rate limit, 5xx outage, or another). */
    static ToolException fromHttpError(String method, SlackApiException e) {
        int status = e.getResponse().code();
        SlackApiErrorResponse body = e.getError();
        String code = body == null || body.getError() == null || body.getError().isBlank() ? null : body.getError();
        if (status != 429 && status < 500 && code != null && CODES.containsKey(code)) {
            return fromErrorCode(method, code, body.getNeeded(), List.of(), null);
        }
        String message = "Slack " + method + " answered HTTP " + status + (code == null ? "" : " (" + code + ")");
        ToolException.Builder failure = ToolException.forHttpStatus(status, message)
                .upstreamCode(code == null ? "http_" + status : code);
        if (status == 429) {
            failure.retryAfterHeader(e.getResponse().header("Retry-After"))
                    .hint("Slack rate-limits each method per workspace; wait for the Retry-After time");
        } else if (status >= 500) {
            failure.hint("Slack had a problem; try again shortly (https://status.slack.com)");
        } else if (status == 401) {
            failure.hint(CHECK_TOKEN);
        } else if (status == 404) {
            failure.hint("check packs.slack.base_url: it must point at Slack's Web API (" + SlackClient.DEFAULT_BASE_URL
                    + ")");
        }
        return failure.build();
    }

    /** The failure for a request that got no answer: the connection failed or timed out. */
    static ToolException fromIo(String method, String baseUrl, IOException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException
                && !(e instanceof SocketTimeoutException) && "interrupted".equals(e.getMessage())) {
            throw new InterruptedException("Slack " + method + " was interrupted");
        }
        if (e instanceof InterruptedIOException) {
            return ToolException.builder(ErrorType.TIMEOUT, "Slack " + method + " did not answer in time")
                    .hint("try again; Slack may be slow (https://status.slack.com)")
                    .cause(e)
                    .build();
        }
        String why = e instanceof UnknownHostException ? "its host name could not be resolved"
                : e instanceof ConnectException ? "the connection was refused or could not be made"
                : "the connection failed (" + e.getClass().getSimpleName() + ")";
        return ToolException.builder(TRANSIENT, "could not reach Slack for " + method + " at " + baseUrl + ": " + why)
                .hint("check the network and packs.slack.base_url (now " + baseUrl + ")")
                .cause(e)
                .build();
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
