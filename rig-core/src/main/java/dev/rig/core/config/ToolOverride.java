package dev.rig.core.config;

/**
 * Operator settings for the tools matching one glob; each field may be null (no override).
 */
public record ToolOverride(Boolean requireApproval, Integer timeoutSeconds, Integer retries) {

    public ToolOverride {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3600)) {
            throw new IllegalArgumentException("timeout_seconds must be 1..3600, got " + timeoutSeconds);
        }
        if (retries != null && (retries < 0 || retries > 10)) {
            throw new IllegalArgumentException("retries must be 0..10, got " + retries);
        }
    }
}
