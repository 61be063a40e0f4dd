package dev.rig.core.config;

/**
 * Where the RGP HTTP server listens and how much it accepts.
 *
 * <p>{@code port} 0 picks a free port. {@code maxBodyBytes} caps a request body (default 1 MiB).
 */
public record ServerSettings(String host, int port, long maxBodyBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public static final ServerSettings DEFAULTS = new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("server.max_body_bytes must be positive, got " + maxBodyBytes);
        }
    }

    /** The base URL a client on this machine uses to reach the server. */
    public String baseUrl() {
        String reachable = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
        return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port;
    }

    public ServerSettings withHostAndPort(String newHost, int newPort) {
        return new ServerSettings(newHost, newPort, maxBodyBytes);
    }
}
