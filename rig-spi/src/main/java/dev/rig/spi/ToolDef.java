package dev.rig.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The definition of one tool: its name, what it does, its JSON Schemas and how risky it is.
 *
 * <p>Schemas are JSON text (draft-07 or 2020-12, chosen by {@code $schema}; 2020-12 when absent).
 * The record only checks for nulls: the gateway validates the whole definition against the RTP
 * {@code ToolDef} schema when it loads the pack and reports the pack and field at fault.
 *
 * <p>{@code idempotent} declares that running the same call twice has the effect of running it
 * once (for example because the tool sends an idempotency key the upstream honours); only then
 * may the gateway retry a tool whose risk class is not {@link RiskClass#READ}.
 *
 * <p>Input properties marked {@code "writeOnly": true} in the input schema are secrets: the
 * gateway never stores or logs their values.
 */
public record ToolDef(
        String name,
        String description,
        String inputSchema,
        String outputSchema,
        String errorSchema,
        List<String> authSlots,
        RiskClass riskClass,
        List<String> tags,
        PolicyDefaults policyDefaults,
        List<ToolExample> examples,
        boolean idempotent) {

    /** The error schema used when a tool declares none: the RTP ToolError object. */
    public static final String DEFAULT_ERROR_SCHEMA = """
            {"type":"object","required":["type","message"],"properties":{\
            "type":{"type":"string"},"message":{"type":"string"},"retryable":{"type":"boolean"},\
            "upstream_code":{"type":["string","null"]},\
            "remediation_hints":{"type":"array","items":{"type":"string"}}}}""";

    public ToolDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
        errorSchema = errorSchema == null ? DEFAULT_ERROR_SCHEMA : errorSchema;
        authSlots = List.copyOf(authSlots == null ? List.of() : authSlots);
        riskClass = riskClass == null ? RiskClass.READ : riskClass;
        tags = List.copyOf(tags == null ? List.of() : tags);
        policyDefaults = policyDefaults == null ? PolicyDefaults.NONE : policyDefaults;
        examples = List.copyOf(examples == null ? List.of() : examples);
    }

    /** Starts a definition of the tool named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link ToolDef} step by step; every setter returns the builder. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private String inputSchema;
        private String outputSchema;
        private String errorSchema;
        private final List<String> authSlots = new ArrayList<>();
        private RiskClass riskClass = RiskClass.READ;
        private final List<String> tags = new ArrayList<>();
        private PolicyDefaults policyDefaults = PolicyDefaults.NONE;
        private final List<ToolExample> examples = new ArrayList<>();
        private boolean idempotent;

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** The input JSON Schema, as JSON text. */
        public Builder inputSchema(String json) {
            this.inputSchema = json;
            return this;
        }

        /** The output JSON Schema, as JSON text. */
        public Builder outputSchema(String json) {
            this.outputSchema = json;
            return this;
        }

        /** The error JSON Schema, as JSON text; defaults to {@link #DEFAULT_ERROR_SCHEMA}. */
        public Builder errorSchema(String json) {
            this.errorSchema = json;
            return this;
        }

        /** Names of the secrets the tool needs, env-style ({@code STRIPE_API_KEY}). */
        public Builder authSlots(String... slots) {
            this.authSlots.addAll(List.of(slots));
            return this;
        }

        public Builder risk(RiskClass value) {
            this.riskClass = value;
            return this;
        }

        public Builder tags(String... values) {
            this.tags.addAll(List.of(values));
            return this;
        }

        public Builder policyDefaults(PolicyDefaults value) {
            this.policyDefaults = value;
            return this;
        }

        /** Adds an example; {@code outputJson} may be null when the output is not fixed. */
        public Builder example(String exampleName, String exampleDescription, String inputJson, String outputJson) {
            this.examples.add(new ToolExample(exampleName, exampleDescription, inputJson, outputJson));
            return this;
        }

        /** Declares that repeating a call has the effect of one call, so it may be retried. */
        public Builder idempotent(boolean value) {
            this.idempotent = value;
            return this;
        }

        public ToolDef build() {
            return new ToolDef(name, description, inputSchema, outputSchema, errorSchema, authSlots, riskClass,
                    tags, policyDefaults, examples, idempotent);
        }
    }
}
