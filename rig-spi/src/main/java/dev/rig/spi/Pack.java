package dev.rig.spi;

import java.util.List;

/**
 * An installable set of tools wrapping one SDK or API: the entry point of a pack.
 *
 * <p>Found with {@link java.util.ServiceLoader}: a pack jar lists its implementation in
 * {@code META-INF/services/dev.rig.spi.Pack}. The class needs a public no-argument constructor.
 *
 * <p><b>Lifecycle:</b> the gateway calls {@link #id()} and {@link #version()} when it finds the
 * pack, then {@link #tools(PackEnvironment)} once per registry snapshot. Packs hold no global
 * state: SDK clients are built per call or per credential.
 */
public interface Pack {

    /** A short, stable id ({@code echo}, {@code stripe}); prefixes the pack's tool names. */
    String id();

    /** The pack's version, as released ({@code 1.4.0}). */
    String version();

    /** One sentence saying what the pack wraps. */
    default String description() {
        return "";
    }

    /**
     * The pack's tools, configured from {@code environment}.
     *
     * @throws IllegalArgumentException when the settings are invalid; the message names the key
     */
    List<Tool> tools(PackEnvironment environment);
}
