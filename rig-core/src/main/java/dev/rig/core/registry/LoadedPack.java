package dev.rig.core.registry;

import dev.rig.spi.Pack;
import java.util.Objects;

/** A pack found on the class path or in the packs directory, with the class loader it lives in. */
public record LoadedPack(Pack pack, PackInfo info, ClassLoader classLoader) {

    public LoadedPack {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(classLoader, "classLoader");
    }
}
