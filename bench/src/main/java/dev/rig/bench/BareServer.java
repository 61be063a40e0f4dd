package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * The baseline of the load run: a bare Javalin endpoint on the same Javalin, Jetty and virtual-thread
 * settings as the RGP server, doing only what an echo call must do on the wire: parse the request
 * body with Jackson and answer the same ToolResult-shaped JSON (and correlation-id header). No
 * pipeline, no schema validation, no audit.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.rig.bench.BareServer [port]} (default 0:
 * a free port); it listens on 127.0.0.1 only and prints {@code listening on port N}.
 */
public final class BareServer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BareServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 1024 * 1024;
            config.routes.post("/v1/tools/{target}", BareServer::call);
        });
        app.start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.out.println("listening on port " + app.port());
        System.out.flush();
    }

    private static void call(Context ctx) throws Exception {
        JsonNode body = MAPPER.readTree(ctx.bodyAsBytes());
        String correlationId = UUID.randomUUID().toString();
        ObjectNode output = NODES.objectNode();
        output.put("message", body.path("args").path("message").asText());
        output.put("tenant_id", "default");
        ObjectNode result = NODES.objectNode();
        result.put("ok", true);
        result.set("output", output);
        result.set("error", NODES.nullNode());
        result.put("correlation_id", correlationId);
        result.put("pack", "echo");
        result.put("pack_version", "0.1.0");
        result.put("interface_hash", "0000000000000000000000000000000000000000000000000000000000000000");
        result.put("pack_set_version", "dev");
        result.set("approval", NODES.nullNode());
        ctx.header("X-RIG-Correlation-ID", correlationId);
        ctx.status(200).contentType("application/json").result(MAPPER.writeValueAsBytes(result));
    }
}
