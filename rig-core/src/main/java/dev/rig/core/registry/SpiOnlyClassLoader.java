package dev.rig.core.registry;

/**
 * The parent of every pack class loader: it shows a pack the JDK and {@code dev.rig.spi}, nothing
 * else of the gateway's class path.
 *
 * <p>This is what lets two packs bring conflicting versions of one library (each finds its own in
 * its jars) and keeps the gateway's own libraries (Jackson, Jetty, JDBC) out of a pack's sight,
 * as servlet containers do for web applications.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    private static final String SPI_PACKAGE = "dev.rig.spi.";

    private final ClassLoader gateway;

    SpiOnlyClassLoader(ClassLoader gateway) {
        super("rig-spi-only", ClassLoader.getPlatformClassLoader());
        this.gateway = gateway;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return gateway.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
