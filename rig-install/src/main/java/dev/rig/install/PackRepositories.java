package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The repositories {@code rig install} resolves from, in order: read-only local repositories
 * searched in place ({@code bundled}: the distribution's, {@code local}: {@code ~/.m2/repository})
 * and remote ones ({@code central}, any http(s) or file: URL of a Maven repository).
 */
public record PackRepositories(List<Local> locals, List<Remote> remotes) {

    /** Maven Central. */
    public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    /** A local repository searched in place: its name in rig.yaml and its directory. */
    public record Local(String name, Path directory) {}

    /** A remote repository: an id for messages and its URL. */
    public record Remote(String id, String url) {}

    public PackRepositories {
        locals = List.copyOf(locals);
        remotes = List.copyOf(remotes);
    }

    /**
     * The repositories named in rig.yaml's {@code repositories} list.
     *
     * @param rigHome the distribution directory (its {@code repository/} is {@code bundled}); null
     *     when running without one, which drops {@code bundled}
     * @param userHome whose {@code .m2/repository} is {@code local}
     */
    public static PackRepositories of(List<String> settings, Path rigHome, Path userHome) {
        List<Local> locals = new ArrayList<>();
        List<Remote> remotes = new ArrayList<>();
        for (String setting : settings) {
            switch (setting) {
                case "bundled" -> {
                    if (rigHome != null && Files.isDirectory(rigHome.resolve("repository"))) {
                        locals.add(new Local("bundled", rigHome.resolve("repository")));
                    }
                }
                case "local" -> {
                    Path m2 = userHome.resolve(".m2/repository");
                    if (Files.isDirectory(m2)) {
                        locals.add(new Local("local", m2));
                    }
                }
                case "central" -> remotes.add(new Remote("central", CENTRAL_URL));
                default -> remotes.add(new Remote(idOf(setting, remotes.size()), setting));
            }
        }
        return new PackRepositories(locals, remotes);
    }

    private static String idOf(String url, int index) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            return host == null ? "file-" + (index + 1) : host;
        } catch (IllegalArgumentException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "repository '" + url + "' is not a URL",
                    "write an http(s):// or file: URL in rig.yaml's repositories");
        }
    }

    /** The name of the repository {@code file} was found in: a local repository's name, else {@code remote}. */
    public String sourceOf(Path file, String remoteId) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Local local : locals) {
            if (absolute.startsWith(local.directory().toAbsolutePath().normalize())) {
                return local.name();
            }
        }
        return Objects.requireNonNullElse(remoteId, "remote");
    }

    /** The local repositories for a message: {@code bundled (/opt/rig/repository), local (~/.m2/repository)}. */
    public String describeLocals() {
        return locals.isEmpty() ? "no local repository"
                : locals.stream().map(l -> l.name() + " (" + l.directory() + ")").collect(Collectors.joining(", "));
    }

    /** Every repository for a message, in search order. */
    public String describe() {
        return Stream.concat(locals.stream().map(l -> l.name() + " (" + l.directory() + ")"),
                remotes.stream().map(r -> r.id() + " (" + r.url() + ")")).collect(Collectors.joining(", "));
    }
}
