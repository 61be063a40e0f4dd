package dev.rig.install;

import dev.rig.spi.Pack;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.eclipse.aether.util.version.GenericVersionScheme;
import org.eclipse.aether.version.InvalidVersionSpecificationException;
import org.eclipse.aether.version.Version;
import org.eclipse.aether.version.VersionConstraint;

/**
 * A Maven repository directory of real jars and poms, compiled from Java source text at test time.
 *
 * <p>Layout is the standard one ({@code com/example/greeting/1.0/greeting-1.0.jar} and {@code .pom}),
 * each file with {@code .sha1} and {@code .md5} checksums, and a {@code maven-metadata.xml} per
 * artifact listing its published versions, so Maven Resolver can use the directory as a remote
 * ({@code file:} URL) repository, version ranges included. Jars are reproducible: publishing the
 * same sources twice gives the same bytes.
 *
 * <pre>{@code
 * TestRepository repo = TestRepository.at(dir.resolve("repo"));
 * repo.library("com.example", "greeting", "1.0")
 *         .source("com.example.greeting.Greeting",
 *                 "package com.example.greeting; public final class Greeting { public static String hello() { return \"v1\"; } }")
 *         .publish();
 * Path jar = repo.pack("com.example", "rig-pack-alpha", "1.0.0")
 *         .packId("alpha")
 *         .tool("alpha.greet", RiskClass.READ, "java.util.Map.of(\"greeting\", com.example.greeting.Greeting.hello())")
 *         .dependsOn("com.example", "greeting", "1.0")
 *         .publish();
 * }</pre>
 *
 * <p>Sources are compiled with {@code --release 21} against exactly the jars they declare (and, for
 * packs, rig-spi), never the test's class path, so a pack cannot lean on a class it will not have
 * at run time. Snapshot versions are not supported. Not thread-safe for publishing the same artifact
 * from two threads.
 */
public final class TestRepository {

    /** The rig-spi version that pack poms declare as {@code provided}. */
    public static final String SPI_VERSION = "0.1.0";

    // Fixed so that metadata, like jars, is the same on every run.
    private static final String METADATA_LAST_UPDATED = "20000101000000";
    private static final GenericVersionScheme VERSIONS = new GenericVersionScheme();

    private final Path root;
    private final Map<Coordinates, List<Coordinates>> dependencies = new ConcurrentHashMap<>();

    private TestRepository(Path root) {
        this.root = root;
    }

    /** A repository in {@code root}, created when missing; artifacts already there are kept. */
    public static TestRepository at(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestRepository(root.toAbsolutePath());
    }

    /** The repository's directory (absolute); {@code root().toUri()} is its URL. */
    public Path root() {
        return root;
    }

    /** Where the jar of {@code groupId:artifactId:version} is (or would be). */
    public Path jarPath(String groupId, String artifactId, String version) {
        return file(Coordinates.of(groupId, artifactId, version), "jar");
    }

    /** Where the pom of {@code groupId:artifactId:version} is (or would be). */
    public Path pomPath(String groupId, String artifactId, String version) {
        return file(Coordinates.of(groupId, artifactId, version), "pom");
    }

    /** Where the {@code maven-metadata.xml} listing the versions of {@code groupId:artifactId} is. */
    public Path metadataPath(String groupId, String artifactId) {
        return artifactDirectory(groupId, artifactId).resolve("maven-metadata.xml");
    }

    /**
     * The jar of {@code groupId:artifactId:version} followed by the jars of its dependencies,
     * transitively, as far as they were published through this object: what a class loader for it
     * needs.
     */
    public List<Path> classPath(String groupId, String artifactId, String version) {
        Coordinates start = Coordinates.of(groupId, artifactId, version);
        List<Path> jars = new ArrayList<>();
        jars.add(file(start, "jar"));
        jars.addAll(dependencyJars(dependencies.getOrDefault(start, List.of())));
        return jars;
    }

    /** Starts a plain library jar; nothing is written until {@link ArtifactJar#publish()}. */
    public LibraryJar library(String groupId, String artifactId, String version) {
        return new LibraryJar(this, Coordinates.published(groupId, artifactId, version));
    }

    /**
     * Starts a pack jar: a generated {@link Pack} ({@link PackJar#packId}, {@link PackJar#tool}) or
     * hand-written ones ({@link PackJar#packSource}), listed in {@code META-INF/services/dev.rig.spi.Pack}.
     */
    public PackJar pack(String groupId, String artifactId, String version) {
        return new PackJar(this, Coordinates.published(groupId, artifactId, version));
    }

    /** What every jar has: sources, resources and dependencies. {@code B} is the concrete builder. */
    public abstract static sealed class ArtifactJar<B extends ArtifactJar<B>> permits LibraryJar, PackJar {

        final TestRepository repository;
        final Coordinates coordinates;
        final Map<String, String> sources = new LinkedHashMap<>();
        final Map<String, byte[]> resources = new TreeMap<>();
        final List<Coordinates> dependsOn = new ArrayList<>();

        ArtifactJar(TestRepository repository, Coordinates coordinates) {
            this.repository = repository;
            this.coordinates = coordinates;
        }

        abstract B self();

        /** Adds the source of the top-level class {@code className} (fully qualified). */
        public B source(String className, String javaText) {
            Objects.requireNonNull(javaText, "javaText");
            if (sources.putIfAbsent(Objects.requireNonNull(className, "className"), javaText) != null) {
                throw new IllegalArgumentException("source of " + className + " given twice");
            }
            return self();
        }

        /** Adds a file to the jar ({@code name} like {@code config/settings.properties}), as UTF-8. */
        public B resource(String name, String text) {
            resources.put(Objects.requireNonNull(name, "name"), text.getBytes(StandardCharsets.UTF_8));
            return self();
        }

        /**
         * Declares a compile-scope dependency in the pom and compiles against its jar (and the
         * dependencies it declared) when this repository has it; for a version range
         * ({@code [1.0,2.0)}), against the highest version published in it. A dependency the
         * repository lacks is only declared: useful to test resolution failures.
         */
        public B dependsOn(String groupId, String artifactId, String version) {
            dependsOn.add(Coordinates.of(groupId, artifactId, version));
            return self();
        }

        /**
         * Compiles the sources, then writes the jar, the pom, their checksums and the artifact's
         * {@code maven-metadata.xml}, replacing an earlier publication of the same coordinates.
         *
         * @return the jar written
         * @throws IllegalStateException with the compiler's diagnostics when a source does not compile
         */
        public Path publish() {
            Map<String, String> allSources = new LinkedHashMap<>(sources);
            Map<String, byte[]> entries = new TreeMap<>(resources);
            List<Path> compileClassPath = new ArrayList<>(providedClassPath());
            compileClassPath.addAll(repository.dependencyJars(dependsOn));
            addGenerated(allSources, entries);
            if (!allSources.isEmpty()) {
                entries.putAll(InMemoryCompiler.compile(allSources, compileClassPath));
            }
            repository.dependencies.put(coordinates, List.copyOf(dependsOn));
            return repository.write(coordinates, ReproducibleJar.of(entries), pom());
        }

        /** Jars the sources compile against that the pom declares {@code provided}. */
        List<Path> providedClassPath() {
            return List.of();
        }

        /** Adds generated sources and jar entries. */
        void addGenerated(Map<String, String> allSources, Map<String, byte[]> entries) {}

        /** The {@code <dependency>} elements of the pom. */
        String dependencyElements() {
            StringBuilder out = new StringBuilder();
            for (Coordinates dependency : dependsOn) {
                out.append(dependency.dependencyElement(null));
            }
            return out.toString();
        }

        private String pom() {
            String dependencies = dependencyElements();
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <project xmlns="http://maven.apache.org/POM/4.0.0" \
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                    xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                      <modelVersion>4.0.0</modelVersion>
                    """
                    + "  <groupId>" + xml(coordinates.groupId()) + "</groupId>\n"
                    + "  <artifactId>" + xml(coordinates.artifactId()) + "</artifactId>\n"
                    + "  <version>" + xml(coordinates.version()) + "</version>\n"
                    + "  <packaging>jar</packaging>\n"
                    + (dependencies.isEmpty() ? "" : "  <dependencies>\n" + dependencies + "  </dependencies>\n")
                    + "</project>\n";
        }
    }

    /** A plain jar: classes from source, resources, dependencies; no pack. */
    public static final class LibraryJar extends ArtifactJar<LibraryJar> {

        LibraryJar(TestRepository repository, Coordinates coordinates) {
            super(repository, coordinates);
        }

        @Override
        LibraryJar self() {
            return this;
        }
    }

    /**
     * A pack jar. {@link #packId} generates {@code rig.testpack.<id>.GeneratedPack}, versioned like the
     * artifact, with the tools given by {@link #tool}; {@link #packSource} adds hand-written packs.
     * Every pack class is listed in {@code META-INF/services/dev.rig.spi.Pack}.
     */
    public static final class PackJar extends ArtifactJar<PackJar> {

        private record ToolSpec(String name, RiskClass risk, String outputExpression) {}

        private String packId;
        private String description;
        private final List<ToolSpec> tools = new ArrayList<>();
        private final List<String> packClasses = new ArrayList<>();

        PackJar(TestRepository repository, Coordinates coordinates) {
            super(repository, coordinates);
        }

        @Override
        PackJar self() {
            return this;
        }

        /** Generates a pack with this id (and the artifact's version). */
        public PackJar packId(String id) {
            this.packId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The generated pack's description; a sentence naming the pack when not set. */
        public PackJar description(String text) {
            this.description = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * Adds a tool to the generated pack. Input and output schemas accept any object; the
         * definition passes the gateway's ToolDef check.
         *
         * @param outputExpression a Java expression of type {@code Map<String, Object>} giving the
         *     output; {@code call} (the {@code ToolCall}) and {@code environment} (the
         *     {@code PackEnvironment}) are in scope, and it may throw {@code ToolException}
         */
        public PackJar tool(String name, RiskClass risk, String outputExpression) {
            tools.add(new ToolSpec(Objects.requireNonNull(name, "name"), Objects.requireNonNull(risk, "risk"),
                    Objects.requireNonNull(outputExpression, "outputExpression")));
            return this;
        }

        /** Adds a hand-written {@link Pack} implementation and lists it as a service. */
        public PackJar packSource(String className, String javaText) {
            source(className, javaText);
            packClasses.add(className);
            return this;
        }

        @Override
        List<Path> providedClassPath() {
            return List.of(spiLocation());
        }

        @Override
        void addGenerated(Map<String, String> allSources, Map<String, byte[]> entries) {
            List<String> services = new ArrayList<>();
            if (packId != null) {
                String className = "rig.testpack." + packageSegment(packId) + ".GeneratedPack";
                if (allSources.putIfAbsent(className, generatedPack(className)) != null) {
                    throw new IllegalStateException("source of " + className + " is generated; do not give it");
                }
                services.add(className);
            } else if (!tools.isEmpty() || description != null) {
                throw new IllegalStateException(coordinates + ": tool(...) and description(...) need packId(...)");
            }
            services.addAll(packClasses);
            if (services.isEmpty()) {
                throw new IllegalStateException(coordinates + ": call packId(...) or packSource(...)");
            }
            entries.put("META-INF/services/" + Pack.class.getName(),
                    (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        String dependencyElements() {
            return new Coordinates("dev.rig", "rig-spi", SPI_VERSION).dependencyElement("provided")
                    + super.dependencyElements();
        }

        private String generatedPack(String className) {
            int dot = className.lastIndexOf('.');
            StringBuilder toolList = new StringBuilder();
            for (ToolSpec tool : tools) {
                toolList.append(toolList.isEmpty() ? "\n" : ",\n")
                        .append("                new GeneratedTool(definition(").append(javaString(tool.name()))
                        .append(", RiskClass.").append(tool.risk().name()).append("),\n")
                        .append("                        call -> ").append(tool.outputExpression()).append(')');
            }
            String text = description != null ? description
                    : "Generated by TestRepository as " + coordinates + ".";
            return """
                    package %s;

                    import dev.rig.spi.Pack;
                    import dev.rig.spi.PackEnvironment;
                    import dev.rig.spi.RiskClass;
                    import dev.rig.spi.Tool;
                    import dev.rig.spi.ToolCall;
                    import dev.rig.spi.ToolDef;
                    import dev.rig.spi.ToolException;
                    import java.util.List;
                    import java.util.Map;

                    public final class %s implements Pack {

                        @Override
                        public String id() {
                            return %s;
                        }

                        @Override
                        public String version() {
                            return %s;
                        }

                        @Override
                        public String description() {
                            return %s;
                        }

                        @Override
                        public List<Tool> tools(PackEnvironment environment) {
                            return List.of(%s);
                        }

                        private static ToolDef definition(String name, RiskClass risk) {
                            return ToolDef.builder(name)
                                    .description("Generated test tool " + name + ".")
                                    .risk(risk)
                                    .inputSchema("{\\"type\\": \\"object\\"}")
                                    .outputSchema("{\\"type\\": \\"object\\"}")
                                    .example("empty", "Called without arguments.", "{}", null)
                                    .build();
                        }

                        private interface Body {
                            Map<String, Object> run(ToolCall call) throws ToolException, InterruptedException;
                        }

                        private record GeneratedTool(ToolDef definition, Body body) implements Tool {
                            @Override
                            public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
                                return body.run(call);
                            }
                        }
                    }
                    """.formatted(className.substring(0, dot), className.substring(dot + 1), javaString(packId),
                    javaString(coordinates.version()), javaString(text), toolList);
        }

        private static String packageSegment(String id) {
            String segment = id.replaceAll("[^A-Za-z0-9_]", "_");
            return Character.isJavaIdentifierStart(segment.charAt(0)) ? segment : "_" + segment;
        }
    }

    /** A {@code groupId:artifactId:version}. */
    record Coordinates(String groupId, String artifactId, String version) {

        Coordinates {
            requireName("groupId", groupId);
            requireName("artifactId", artifactId);
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("version must not be blank");
            }
        }

        static Coordinates of(String groupId, String artifactId, String version) {
            return new Coordinates(groupId, artifactId, version);
        }

        /** Coordinates something can be published at: a plain version, no range, no snapshot. */
        static Coordinates published(String groupId, String artifactId, String version) {
            Coordinates coordinates = of(groupId, artifactId, version);
            if (!coordinates.isPlainVersion() || version.endsWith("-SNAPSHOT")) {
                throw new IllegalArgumentException("cannot publish version '" + version
                        + "': give a plain release version such as 1.0");
            }
            return coordinates;
        }

        boolean isPlainVersion() {
            return version.matches("[A-Za-z0-9_.+-]+");
        }

        String dependencyElement(String scope) {
            return "    <dependency>\n"
                    + "      <groupId>" + xml(groupId) + "</groupId>\n"
                    + "      <artifactId>" + xml(artifactId) + "</artifactId>\n"
                    + "      <version>" + xml(version) + "</version>\n"
                    + (scope == null ? "" : "      <scope>" + scope + "</scope>\n")
                    + "    </dependency>\n";
        }

        private static void requireName(String field, String value) {
            if (value == null || !value.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException(field + " must be letters, digits, '_', '.' or '-', got '"
                        + value + "'");
            }
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    private Path artifactDirectory(String groupId, String artifactId) {
        Coordinates.requireName("groupId", groupId);
        Coordinates.requireName("artifactId", artifactId);
        return root.resolve(groupId.replace('.', '/')).resolve(artifactId);
    }

    private Path file(Coordinates coordinates, String extension) {
        return artifactDirectory(coordinates.groupId(), coordinates.artifactId()).resolve(coordinates.version())
                .resolve(coordinates.artifactId() + "-" + coordinates.version() + "." + extension);
    }

    /**
     * The jars of {@code direct} and what they declared, transitively, that this repository holds;
     * a version range stands for the highest published version in it.
     */
    private List<Path> dependencyJars(List<Coordinates> direct) {
        Set<Coordinates> seen = new LinkedHashSet<>();
        List<Coordinates> pending = new ArrayList<>(direct);
        while (!pending.isEmpty()) {
            Optional<Coordinates> next = published(pending.removeFirst());
            if (next.isPresent() && seen.add(next.get())) {
                pending.addAll(dependencies.getOrDefault(next.get(), List.of()));
            }
        }
        return seen.stream().map(coordinates -> file(coordinates, "jar")).toList();
    }

    /** The published artifact {@code wanted} (a version or a range) stands for, if any. */
    private Optional<Coordinates> published(Coordinates wanted) {
        if (wanted.isPlainVersion()) {
            return Files.isRegularFile(file(wanted, "jar")) ? Optional.of(wanted) : Optional.empty();
        }
        VersionConstraint range;
        try {
            range = VERSIONS.parseVersionConstraint(wanted.version());
        } catch (InvalidVersionSpecificationException e) {
            throw new IllegalArgumentException(wanted + ": " + e.getMessage(), e);
        }
        try {
            return publishedVersions(wanted.groupId(), wanted.artifactId()).reversed().stream()
                    .filter(version -> range.containsVersion(parse(version)))
                    .map(version -> new Coordinates(wanted.groupId(), wanted.artifactId(), version))
                    .filter(candidate -> Files.isRegularFile(file(candidate, "jar")))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions of {@code groupId:artifactId} that have a pom here, oldest first, as Maven orders them. */
    private List<String> publishedVersions(String groupId, String artifactId) throws IOException {
        Path directory = artifactDirectory(groupId, artifactId);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(child -> Files.isRegularFile(
                            child.resolve(artifactId + "-" + child.getFileName() + ".pom")))
                    .map(child -> child.getFileName().toString())
                    .sorted(Comparator.comparing(ComparableVersion::new))
                    .toList();
        }
    }

    private static Version parse(String version) {
        try {
            return VERSIONS.parseVersion(version);
        } catch (InvalidVersionSpecificationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Path write(Coordinates coordinates, byte[] jar, String pom) {
        try {
            Path jarFile = file(coordinates, "jar");
            Files.createDirectories(jarFile.getParent());
            writeWithChecksums(jarFile, jar);
            writeWithChecksums(file(coordinates, "pom"), pom.getBytes(StandardCharsets.UTF_8));
            writeMetadata(coordinates.groupId(), coordinates.artifactId());
            return jarFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@code maven-metadata.xml} from the version directories holding a pom. */
    private void writeMetadata(String groupId, String artifactId) throws IOException {
        Path directory = artifactDirectory(groupId, artifactId);
        List<String> versions = publishedVersions(groupId, artifactId);
        String latest = versions.getLast();
        StringBuilder listed = new StringBuilder();
        versions.forEach(version -> listed.append("      <version>").append(xml(version)).append("</version>\n"));
        String metadata = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metadata>\n"
                + "  <groupId>" + xml(groupId) + "</groupId>\n"
                + "  <artifactId>" + xml(artifactId) + "</artifactId>\n"
                + "  <versioning>\n"
                + "    <latest>" + xml(latest) + "</latest>\n"
                + "    <release>" + xml(latest) + "</release>\n"
                + "    <versions>\n" + listed + "    </versions>\n"
                + "    <lastUpdated>" + METADATA_LAST_UPDATED + "</lastUpdated>\n"
                + "  </versioning>\n"
                + "</metadata>\n";
        writeWithChecksums(directory.resolve("maven-metadata.xml"), metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeWithChecksums(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        for (String algorithm : List.of("SHA-1", "MD5")) {
            String extension = algorithm.replace("-", "").toLowerCase(Locale.ROOT);
            Files.writeString(file.resolveSibling(file.getFileName() + "." + extension), digest(algorithm, content));
        }
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    /** Where rig-spi's classes are (a jar or a classes directory) in this JVM. */
    private static Path spiLocation() {
        try {
            return Path.of(Pack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate rig-spi", e);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String javaString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
