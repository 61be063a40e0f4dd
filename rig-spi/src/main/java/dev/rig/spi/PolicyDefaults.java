package dev.rig.spi;

/**
 * A tool's own defaults for timeout, retries and concurrency; operator policy may override them.
 *
 * <p>Each field may be null, meaning "use the gateway's policy".
 */
public record PolicyDefaults(Integer timeoutSeconds, Integer retries, Integer maxConcurrency) {

    /** No defaults of the tool's own. */
    public static final PolicyDefaults NONE = new PolicyDefaults(null, null, null);

    public PolicyDefaults {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3600)) {
            throw new IllegalArgumentException("timeout_seconds must be 1..3600, got " + timeoutSeconds);
        }
        if (retries != null && (retries < 0 || retries > 10)) {
            throw new IllegalArgumentException("retries must be 0..10, got " + retries);
        }
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, got " + maxConcurrency);
        }
    }
}
