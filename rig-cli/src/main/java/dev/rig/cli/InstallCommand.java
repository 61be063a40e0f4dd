package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.install.Installer;
import dev.rig.install.MountChange;
import dev.rig.install.MountInstaller;
import dev.rig.install.PackChange;
import dev.rig.install.PackSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig install}: resolves packs into .rig/packs, pins them in rig.lock and enables them in rig.yaml;
 * {@code rig install mcp:<id> -- <command...>} (or {@code --url}) mounts an MCP server;
 * {@code rig install <id> --runtime node} installs an npm pack.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install packs (by index id, id@version, or groupId:artifactId[:version]) into this workspace.",
            "Without PACK, installs exactly the packs of rig.lock (Java and npm).",
            "",
            "rig install mcp:ID [--env K=V]... [--auth SLOT]... [--start lazy|boot] -- COMMAND...",
            "rig install mcp:ID --url URL [--header K=V]...",
            "  mounts an MCP server: starts it once, adds it to mcp_servers: in rig.yaml",
            "  and pins its tools in rig.lock.",
            "rig install ID --runtime node [--package SPEC]",
            "  installs an npm pack (SPEC: name@version, a tarball or a package directory;",
            "  default: the index's npm package) into .rig/node/ID, pins it and its tools.",
            ""})
final class InstallCommand implements Callable<Integer> {

    private static final String MCP_PREFIX = "mcp:";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    PackSourceOptions sources;

    @Parameters(paramLabel = "PACK", arity = "0..*",
            description = "echo, stripe@0.1.0, com.acme:rig-pack-acme:1.0.0, mcp:files -- npx -y @modelcontextprotocol/server-filesystem /tmp")
    List<String> packs = new ArrayList<>();

    @Option(names = "--no-enable", description = "Install without enabling the pack in rig.yaml.")
    boolean noEnable;

    @Option(names = "--dry-run", description = "Resolve and check, show what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--frozen", description = "Fail instead of changing rig.lock (for CI).")
    boolean frozen;

    @Option(names = "--force", description = "Install again even when installed; accept new bytes for a locked version;"
            + " replace a mounted server.")
    boolean force;

    @Option(names = "--runtime", paramLabel = "java|node", defaultValue = "java",
            description = "java (a Maven pack, the default) or node (an npm pack run by RIG's Node runner).")
    String runtime;

    @Option(names = "--package", paramLabel = "SPEC",
            description = "With --runtime node: the npm package (name@version, a tarball or a package directory).")
    String npmPackage;

    @Option(names = "--env", paramLabel = "K=V", description = "mcp: an environment variable of the server (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--auth", paramLabel = "SLOT",
            description = "mcp: a secret the server gets as the environment variable SLOT (repeatable).")
    List<String> auth = new ArrayList<>();

    @Option(names = "--start", paramLabel = "lazy|boot",
            description = "mcp: start the server at its first call (lazy, the default) or with the gateway (boot).")
    String start;

    @Option(names = "--url", paramLabel = "URL", description = "mcp: the server's streamable HTTP endpoint.")
    URI url;

    @Option(names = "--header", paramLabel = "K=V",
            description = "mcp: an HTTP header sent to the server (repeatable); $${SLOT} in a value names a secret.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public Integer call() {
        RigConfig config = common.config();
        PackSourceOptions.requireWorkspace(config);
        var err = spec.commandLine().getErr();
        String kind = runtime.toLowerCase(Locale.ROOT);
        if (!kind.equals("java") && !kind.equals("node")) {
            throw CommandFailure.usage("--runtime " + runtime + ": expected java or node");
        }
        boolean mcp = !packs.isEmpty() && packs.get(0).startsWith(MCP_PREFIX);
        if (!mcp && (!env.isEmpty() || !auth.isEmpty() || start != null || url != null || !headers.isEmpty())) {
            throw CommandFailure.usage("--env, --auth, --start, --url and --header are for MCP servers",
                    "rig install mcp:<id> [--env K=V] [--auth SLOT] -- <command...>, or rig install mcp:<id> --url URL");
        }
        if (npmPackage != null && !kind.equals("node")) {
            throw CommandFailure.usage("--package names an npm package: add --runtime node");
        }
        MountInstaller mounts = sources.mountInstaller(config, err);
        MountInstaller.Options options = new MountInstaller.Options(force, frozen, dryRun, !noEnable);
        if (mcp) {
            McpServerSettings server = server();
            for (String name : server.env().keySet()) {
                if (name.matches("(?i).*(token|secret|key|password).*")) {
                    err.println("warning: --env " + name + " goes into rig.yaml as plain text; `--auth " + name
                            + "` gives the server the secret from the environment or .rig/secrets.env instead");
                }
            }
            err.flush();
            return print(List.of(), List.of(mounts.mount(server, options)));
        }
        if (kind.equals("node")) {
            if (packs.size() != 1) {
                throw CommandFailure.usage("--runtime node installs one pack at a time; name exactly one id",
                        "rig install github --runtime node --package @rig/pack-github@0.1.0");
            }
            return print(List.of(), List.of(mounts.installNode(packs.get(0), npmPackage, options)));
        }
        if (packs.isEmpty() && !config.lockFile().toFile().exists()) {
            throw CommandFailure.usage("no PACK given and no rig.lock to install from",
                    "name packs: rig install stripe slack; `rig packs --available` lists them");
        }
        List<MountChange> mounted = new ArrayList<>();
        List<PackSpec> java = new ArrayList<>();
        for (String pack : packs) {
            if (mounts.handles(pack)) {
                mounted.add(config.mcpServers().containsKey(pack)
                        ? mounts.mount(config.mcpServers().get(pack), new MountInstaller.Options(false, frozen, dryRun,
                                false))
                        : mounts.installNode(pack, null, options));
            } else {
                java.add(PackSpec.parse(pack));
            }
        }
        List<PackChange> changes = List.of();
        if (packs.isEmpty() || !java.isEmpty()) {
            changes = sources.installer(config, err)
                    .install(java, new Installer.InstallOptions(force, frozen, dryRun, !noEnable));
        }
        if (packs.isEmpty()) {
            mounted.addAll(mounts.restoreNode(dryRun));
        }
        return print(changes, mounted);
    }

    /** The mcp_servers entry the arguments describe: the id after mcp:, then a command after -- or --url. */
    private McpServerSettings server() {
        String id = packs.get(0).substring(MCP_PREFIX.length());
        List<String> command = packs.subList(1, packs.size());
        boolean dashes = spec.commandLine().getParseResult().originalArgs().contains("--");
        if (!command.isEmpty() && !dashes) {
            throw CommandFailure.usage("put the server's command after --, so its options are not taken for rig's",
                    "rig install mcp:" + id + " -- " + String.join(" ", command));
        }
        if (command.isEmpty() == (url == null)) {
            throw CommandFailure.usage("mcp:" + id + " needs either a command after -- or --url, not both",
                    "rig install mcp:" + id + " -- npx -y @modelcontextprotocol/server-everything",
                    "rig install mcp:" + id + " --url https://mcp.example.com/mcp");
        }
        if (url != null && (!env.isEmpty() || !auth.isEmpty() || start != null)) {
            throw CommandFailure.usage("--env, --auth and --start are for servers RIG starts (a command after --)",
                    "an HTTP server gets its secrets in headers: --header \"Authorization=Bearer ${SLOT}\"");
        }
        if (url == null && !headers.isEmpty()) {
            throw CommandFailure.usage("--header is for HTTP servers (--url)");
        }
        if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw CommandFailure.usage("--url " + url + ": must be an http:// or https:// URL");
        }
        for (String slot : auth) {
            if (!slot.matches("[A-Z0-9_]+")) {
                throw CommandFailure.usage("--auth " + slot + ": an auth slot is A-Z, 0-9 and _ (such as GITHUB_TOKEN)");
            }
        }
        McpServerSettings.Start when = null;
        if (start != null) {
            try {
                when = McpServerSettings.Start.valueOf(start.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage("--start " + start + ": expected lazy or boot");
            }
        }
        return new McpServerSettings(id, url == null ? List.copyOf(command) : null, env, url, headers, auth, when,
                null, null);
    }

    private int print(List<PackChange> changes, List<MountChange> mounted) {
        var out = spec.commandLine().getOut();
        if (json.enabled) {
            ObjectNode doc = PackChanges.json(changes, dryRun);
            doc.set("mounted", MountChanges.json(mounted, false));
            JsonOutput.print(out, doc);
        } else {
            PackChanges.printText(out, changes, dryRun);
            MountChanges.print(out, mounted, dryRun);
        }
        return ExitCode.OK.code();
    }
}
