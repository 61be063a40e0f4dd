package dev.rig.core.api;

import java.util.UUID;

/** The answer to denying an approval: the call will never run. */
public record Denial(UUID token, String deniedBy) {}
