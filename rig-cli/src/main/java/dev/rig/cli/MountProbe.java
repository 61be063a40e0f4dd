package dev.rig.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.secrets.SecretResolver;
import dev.rig.core.secrets.SecretSource;
import dev.rig.core.secrets.SecretsFile;
import dev.rig.install.ServerProbe;
import dev.rig.mcp.mount.MountedServers;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The CLI's {@link ServerProbe}: rig-mcp's {@code MountedServers.probe}, with the workspace's secrets
 * (the environment, then {@code .rig/secrets.env}) as the gateway resolves them.
 *
 * <p>While a server is probed, the mount package's log is held back (unless {@code -v}): a server that
 * fails to start is one error message, ending with the last lines the server wrote to its stderr.
 */
final class MountProbe implements ServerProbe {

    private static final String MOUNT_LOGGER = "dev.rig.mcp.mount";
    private static final int STDERR_LINES = 5;

    private final Map<String, String> environment;

    MountProbe(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Served probe(RigConfig config, String id, String nodePackage) {
        SecretsFile.Reading file = SecretsFile.read(config.secretsFile());
        SecretResolver secrets = new SecretResolver(List.of(new SecretSource("env", environment), file.source()),
                file.problem());
        McpServerSettings settings = nodePackage == null ? config.mcpServers().get(id)
                : McpServerSettings.stdio(id, List.of("node"), Map.of(), List.of());
        StderrCapture stderr = StderrCapture.start();
        MountedServers servers = new MountedServers(environment);
        try {
            MountedServers.Listing listing = servers.probe(config, id, nodePackage, secrets);
            Map<String, RiskClass> risks = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> tool : listing.tools().entrySet()) {
                risks.put(tool.getKey(), MountedServers.riskOf(settings, nodePackage != null, tool.getValue()));
            }
            return new Served(listing.version(), listing.tools(), risks);
        } catch (ToolException e) {
            List<String> hints = new ArrayList<>(e.hints());
            if (nodePackage != null) {
                hints.replaceAll(h -> h.startsWith("check mcp_servers.") ? "check that " + nodePackage + " is a RIG npm"
                        + " pack: it exports rigPack(), rigTools() and rigInvoke() (docs/pack-author-guide.md)" : h);
            }
            String said = stderr.lastLines(STDERR_LINES);
            throw new RigException(e.type(), e.getMessage() + (said.isEmpty() ? "" : "; it wrote on stderr: " + said),
                    hints.toArray(String[]::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException(ErrorType.INTERNAL_ERROR, "interrupted while starting " + id);
        } finally {
            servers.close();
            stderr.stop();
        }
    }

    /** Collects what probed servers write on stderr (the mount package logs it line by line). */
    private static final class StderrCapture {

        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender;
        private final Level level;
        private final boolean additive;

        private StderrCapture(Logger logger, ListAppender<ILoggingEvent> appender) {
            this.logger = logger;
            this.appender = appender;
            this.level = logger == null ? null : logger.getLevel();
            this.additive = logger == null || logger.isAdditive();
        }

        static StderrCapture start() {
            if (!(LoggerFactory.getLogger(MOUNT_LOGGER) instanceof Logger logger)) {
                return new StderrCapture(null, null);
            }
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.setContext(logger.getLoggerContext());
            appender.start();
            StderrCapture capture = new StderrCapture(logger, appender);
            boolean verbose = !logger.getEffectiveLevel().isGreaterOrEqual(Level.INFO);
            logger.addAppender(appender);
            if (!verbose) {
                logger.setLevel(Level.INFO);
                logger.setAdditive(false);
            }
            return capture;
        }

        String lastLines(int count) {
            if (appender == null) {
                return "";
            }
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : List.copyOf(appender.list)) {
                if (!"mcp server stderr".equals(event.getMessage()) || event.getKeyValuePairs() == null) {
                    continue;
                }
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if ("line".equals(pair.key)) {
                        lines.add(String.valueOf(pair.value));
                    }
                }
            }
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }

        void stop() {
            if (logger == null) {
                return;
            }
            logger.detachAppender(appender);
            appender.stop();
            logger.setLevel(level);
            logger.setAdditive(additive);
        }
    }
}
