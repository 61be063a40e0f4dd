package dev.rig.pack.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code supabase.auth.createUser}: creates an Auth user ({@code POST /auth/v1/admin/users}). */
final class AuthCreateUserTool implements Tool {

    private final SupabaseApi api;
    private final ToolDef definition;

    AuthCreateUserTool(SupabaseApi api) {
        this.api = api;
        this.definition = ToolDef.builder("supabase.auth.createUser")
                .description("Creates a Supabase Auth user with an email address (and optionally a password and"
                        + " metadata) through the admin API; returns the new user's id.")
                .risk(RiskClass.WRITE)
                .authSlots(api.authSlots())
                .tags("supabase", "auth")
                .inputSchema("""
                        {"type": "object",
                         "properties": {
                           "email": {"type": "string", "format": "email", "minLength": 3, "maxLength": 320},
                           "password": {"type": "string", "minLength": 1, "maxLength": 1024, "writeOnly": true,
                                        "description": "Never stored in the audit log or shown to approvers."},
                           "email_confirm": {"type": "boolean", "default": false,
                                             "description": "true marks the email confirmed (no confirmation mail)."},
                           "user_metadata": {"type": "object",
                                             "description": "Stored as the user's raw_user_meta_data."}},
                         "required": ["email"],
                         "additionalProperties": false}""")
                .outputSchema("""
                        {"type": "object",
                         "properties": {"id": {"type": "string"}, "email": {"type": ["string", "null"]}},
                         "required": ["id", "email"],
                         "additionalProperties": false}""")
                .example("confirmed-user", "Create a user whose email needs no confirmation.", """
                        {"email": "ada@example.com", "email_confirm": true, "user_metadata": {"name": "Ada"}}""", """
                        {"id": "6f1c1f2e-8d4b-4a51-9a36-2f0c6d1e9b7a", "email": "ada@example.com"}""")
                .build();
    }

    @Override
    public ToolDef definition() {
        return definition;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        if (!(call.args().get("email") instanceof String email) || email.isBlank()) {
            throw ToolException.of(ErrorType.VALIDATION_ERROR, "email must be a non-empty string");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        for (String optional : new String[] {"password", "email_confirm", "user_metadata"}) {
            if (call.args().get(optional) != null) {
                body.put(optional, call.args().get(optional));
            }
        }
        SupabaseApi.Response response = api.send(call, SupabaseApi.Service.AUTH, "POST", "admin/users", "", body,
                null);
        JsonNode user = response.body();
        JsonNode id = user == null ? null : user.get("id");
        if (id == null || !id.isTextual()) {
            throw ToolException.builder(ErrorType.UPSTREAM_ERROR, "Supabase Auth answered " + call.toolName()
                            + " without the new user's id")
                    .hint("the user may have been created: look for " + email + " under Authentication > Users")
                    .build();
        }
        JsonNode created = user.get("email");
        Map<String, Object> output = new HashMap<>();
        output.put("id", id.asText());
        output.put("email", created != null && created.isTextual() ? created.asText() : null);
        return output;
    }
}
