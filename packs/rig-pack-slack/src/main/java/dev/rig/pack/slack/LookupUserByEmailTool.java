package dev.rig.pack.slack;

import com.slack.api.methods.request.users.UsersLookupByEmailRequest;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code slack.users.lookupByEmail}: the workspace member with an email address (users.lookupByEmail). */
final class LookupUserByEmailTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("slack.users.lookupByEmail")
            .description("Finds the workspace member with an email address (users.lookupByEmail): id, user name,"
                    + " real name and email. The app needs the users:read.email scope. An unknown address is"
                    + " not_found.")
            .risk(RiskClass.READ)
            .authSlots(SlackClient.TOKEN_SLOT)
            .tags("slack", "users")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "email": {"type": "string", "format": "email", "pattern": "^[^@ ]+@[^@ ]+$", "maxLength": 254,
                                  "description": "The member's email address."}
                      },
                      "required": ["email"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "ok": {"type": "boolean"},
                        "user": {
                          "type": "object",
                          "properties": {
                            "id": {"type": "string", "description": "The user id (U0123ABCDEF), for mentions as <@id>."},
                            "name": {"type": ["string", "null"], "description": "The user name (handle)."},
                            "real_name": {"type": ["string", "null"]},
                            "email": {"type": ["string", "null"], "description": "Null when the token may not read emails."}
                          },
                          "required": ["id", "name", "real_name", "email"],
                          "additionalProperties": false
                        }
                      },
                      "required": ["ok", "user"],
                      "additionalProperties": false
                    }""")
            .example("by-email", "Find a colleague to mention.", """
                    {"email": "ada@example.com"}""", """
                    {"ok": true, "user": {"id": "U0123ABCDEF", "name": "ada", "real_name": "Ada Lovelace",
                                          "email": "ada@example.com"}}""")
            .build();

    private final SlackClient slack;

    LookupUserByEmailTool(SlackClient slack) {
        this.slack = slack;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        UsersLookupByEmailResponse response = slack.call(call, "users.lookupByEmail",
                (methods, token) -> methods.usersLookupByEmail(UsersLookupByEmailRequest.builder()
                        .token(token)
                        .email(call.string("email"))
                        .build()),
                answer -> answer.getResponseMetadata() == null ? null : answer.getResponseMetadata().getMessages());
        User user = response.getUser();
        if (user == null || user.getId() == null) {
            throw ToolException.of(ErrorType.UPSTREAM_ERROR, "Slack users.lookupByEmail answered ok without a user");
        }
        User.Profile profile = user.getProfile();
        String realName = user.getRealName() != null ? user.getRealName()
                : profile != null ? profile.getRealName() : null;
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("id", user.getId());
        found.put("name", user.getName());
        found.put("real_name", realName);
        found.put("email", profile != null ? profile.getEmail() : null);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("ok", true);
        output.put("user", found);
        return output;
    }
}
