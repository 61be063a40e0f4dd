package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rig new pack}: writes a Maven project for a new pack that builds against this RIG's SPI and
 * testkit, served from the distribution's bundled pack repository.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {
            "Write a Maven project for a new pack: the pack class, one sample tool, its tests, a README and the"
                    + " Maven wrapper.",
            "`./mvnw verify` in it builds and tests the pack (with a JDK 21+ found on the machine)."})
final class NewPackCommand implements Callable<Integer> {

    private static final String ID_RULE = "1 to 64 characters from a-z, 0-9, - and _, starting with a letter or digit";

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The pack id (" + ID_RULE + "); tools are named NAME.<operation>.")
    String name;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = "com.example",
            description = "The project's Maven groupId (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "The Java package (default: GROUP.rig.NAME without - and _).")
    String javaPackage;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the project (default: ./rig-pack-NAME).")
    Path dir;

    @Option(names = "--force", description = "Write into DIR even when it is not empty (its files named like the"
            + " template's are replaced; others are left alone).")
    boolean force;

    @Override
    public Integer call() {
        PackTemplate template = template();
        Path target = (dir != null ? dir : Path.of(template.artifactId())).toAbsolutePath().normalize();
        refuseToMix(target);
        List<PackTemplate.File> files = template.files();
        for (PackTemplate.File file : files) {
            write(target, file);
        }
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("dir", target.toString()).put("pack_id", name);
            ArrayNode paths = doc.putArray("files");
            files.forEach(file -> paths.add(file.path()));
            JsonOutput.print(spec.commandLine().getOut(), doc);
        }
        String shown = shellWord(dir != null ? dir.toString() : template.artifactId());
        var err = spec.commandLine().getErr();
        err.println("wrote " + shown + " (" + files.size() + " files); next: cd " + shown + " && ./mvnw verify");
        err.flush();
        return ExitCode.OK.code();
    }

    private PackTemplate template() {
        if (!PackTemplate.PACK_ID.matcher(name).matches()) {
            throw CommandFailure.usage("'" + name + "' is not a pack id: use " + ID_RULE
                    + " (" + PackTemplate.PACK_ID.pattern() + ")", "for example: rig new pack my-crm");
        }
        if (!PackTemplate.GROUP_ID.matcher(groupId).matches()) {
            throw CommandFailure.usage("--group-id '" + groupId + "' is not a Maven groupId: use dot-separated"
                    + " parts of letters, digits, - and _", "for example: --group-id com.acme");
        }
        String packageName = javaPackage != null ? javaPackage : PackTemplate.defaultPackage(groupId, name);
        if (!SourceVersion.isName(packageName)) {
            throw CommandFailure.usage("--package '" + packageName + "' is not a Java package name",
                    "use dot-separated Java identifiers that are not keywords, such as com.acme.rig.crm");
        }
        String home = System.getProperty("rig.home");
        if (home == null || home.isBlank()) {
            throw CommandFailure.usage("rig new pack needs the RIG distribution, whose bundled pack repository"
                            + " serves rig-spi and rig-pack-testkit to the new project",
                    "run it through the distribution's bin/rig, or ./rig in a RIG source checkout");
        }
        Path repository = Path.of(home, "repository").toAbsolutePath().normalize();
        if (!Files.isDirectory(repository.resolve("dev/rig/rig-spi"))) {
            throw CommandFailure.failed("the bundled pack repository " + repository + " lacks dev.rig:rig-spi",
                    "reinstall RIG, or rebuild it with ./rig in the source checkout");
        }
        String version = RigVersion.version();
        if ("unknown".equals(version)) {
            throw CommandFailure.failed("cannot tell which RIG version this is, so not which rig-spi to build against",
                    "run RIG from its distribution (bin/rig or ./rig), not from loose classes");
        }
        return new PackTemplate(name, groupId, packageName, version, repository.toUri().toString());
    }

    private void refuseToMix(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw CommandFailure.failed(target + " exists and is not a directory", "choose another --dir");
        }
        if (!force && Files.isDirectory(target) && !isEmpty(target)) {
            throw CommandFailure.failed(target + " exists and is not empty: not writing into it",
                    "choose another --dir, or add --force to write the project's files into it");
        }
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot read " + directory + ": " + reason(e));
        }
    }

    private static void write(Path target, PackTemplate.File file) {
        Path path = target.resolve(file.path());
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, file.content());
            if (file.executable()) {
                PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                if (posix != null) {
                    posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!path.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make it executable");
                }
            }
        } catch (IOException e) {
            throw CommandFailure.failed("cannot write " + path + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** {@code word} as one shell word: quoted when it holds anything beyond the usual path characters. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
