package dev.rig.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.json.Json;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servlet at {@code /mcp}: checks Origin and Host, shows each posted message to
 * {@link InFlightCalls} (cancellations are carried out and answered 202 here), then hands the
 * request to the SDK's transport servlet.
 */
final class McpEndpoint extends HttpServlet {

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;

    private final transient HttpServlet transport;
    private final transient ServerTransportSecurityValidator security;
    private final transient InFlightCalls inFlight;
    private final int maxBody;
    private final boolean stateless;

    McpEndpoint(HttpServlet transport, ServerTransportSecurityValidator security, InFlightCalls inFlight,
                int maxBody, boolean stateless) {
        this.transport = transport;
        this.security = security;
        this.inFlight = inFlight;
        this.maxBody = maxBody;
        this.stateless = stateless;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try {
            security.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            reject(response, e.getStatusCode(), INVALID_REQUEST, e.getMessage()
                    + ": this MCP endpoint accepts requests from this machine only; allow others with "
                    + "mcp.allowed_origins / mcp.allowed_hosts in rig.yaml");
            return;
        }
        ErrorBodies answer = new ErrorBodies(response);
        try {
            handle(request, answer);
        } finally {
            answer.finish();
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            transport.service(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBody + 1);
        if (body.length > maxBody) {
            reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, INVALID_REQUEST,
                    "the message is larger than " + maxBody
                            + " bytes; raise server.max_body_bytes in rig.yaml if it must be");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode parsed;
        try {
            parsed = Json.parse(text); // once: the tagging below reuses it
        } catch (Exception e) {
            String problem = e.getMessage() == null ? "not JSON" : e.getMessage().lines().findFirst().orElse("");
            reject(response, HttpServletResponse.SC_BAD_REQUEST, PARSE_ERROR,
                    "Parse error: the body must be one JSON-RPC message (" + problem + ")");
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        String channel = stateless ? "stateless" : session == null ? "" : session;
        String message = inFlight.inspect(parsed, text, channel);
        if (message == null) {
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        transport.service(new Body(request, message.getBytes(StandardCharsets.UTF_8)), response);
    }

    /** The two headers the DNS-rebinding check reads (copying every header cost time on each call). */
    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>(4);
        String origin = request.getHeader("Origin");
        if (origin != null) {
            headers.put("Origin", List.of(origin));
        }
        String host = request.getHeader("Host");
        if (host != null) {
            headers.put("Host", List.of(host));
        }
        return headers;
    }

    private static void reject(HttpServletResponse response, int status, int code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(ErrorBodies.jsonRpcError(code, message, null));
    }

    /** The request with its body already read (and perhaps rewritten). */
    private static final class Body extends HttpServletRequestWrapper {

        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
