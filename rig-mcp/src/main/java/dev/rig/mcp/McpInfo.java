package dev.rig.mcp;

/** How RIG introduces itself to MCP clients and servers. */
public final class McpInfo {

    public static final String SERVER_NAME = "rig";

    static final String INSTRUCTIONS = "RIG gateway: vendor SDKs as tools, each call validated, policy-checked "
            + "and audited. Tools with risk money, infra or destructive (see _meta dev.rig/risk_class) may need a "
            + "human's approval: the result then says what waits and how a person approves it.";

    private McpInfo() {}

    /** RIG's version, as the jar says ({@code dev} when run from classes). */
    public static String version() {
        String version = McpInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
