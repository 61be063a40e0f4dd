package dev.rig.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The files of a new pack project, rendered from the templates under {@code pack-template/} in this
 * jar: {@code {{key}}} placeholders are replaced by the project's values; the Maven wrapper is copied
 * byte for byte (the build puts the repository's own wrapper there).
 *
 * @param packId the pack id, as {@link #PACK_ID} allows
 * @param groupId the Maven groupId
 * @param javaPackage the Java package of the pack's classes
 * @param rigVersion the version of rig-spi and rig-pack-testkit the project builds against
 * @param rigRepository the {@code file:} URL of the bundled pack repository serving them
 */
record PackTemplate(String packId, String groupId, String javaPackage, String rigVersion, String rigRepository) {

    /** A pack id: what {@code PackLoader} accepts. */
    static final Pattern PACK_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** A Maven groupId: dot-separated parts of letters, digits, {@code -} and {@code _}. */
    static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private static final String DIRECTORY = "pack-template/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    /** One file to write: its path relative to the project directory, its bytes, and whether it is a script. */
    record File(String path, byte[] content, boolean executable) {}

    PackTemplate {
        Objects.requireNonNull(packId, "packId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(javaPackage, "javaPackage");
        Objects.requireNonNull(rigVersion, "rigVersion");
        Objects.requireNonNull(rigRepository, "rigRepository");
        if (!PACK_ID.matcher(packId).matches()) {
            throw new IllegalArgumentException("pack id " + packId + " does not match " + PACK_ID);
        }
        if (!SourceVersion.isName(javaPackage)) {
            throw new IllegalArgumentException(javaPackage + " is not a Java package name");
        }
    }

    /** {@code rig-pack-<id>}: the artifactId and the default directory name. */
    String artifactId() {
        return "rig-pack-" + packId;
    }

    /** The pack class: the id in upper camel case, then {@code Pack} ({@code my-crm} → {@code MyCrmPack}). */
    String className() {
        StringBuilder name = new StringBuilder();
        for (String part : packId.split("[-_]")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        if (Character.isDigit(name.charAt(0))) {
            name.insert(0, "Rig");
        }
        return name.append("Pack").toString();
    }

    /**
     * The package used when none is given: {@code <groupId>.rig.<id without - and _>}, each part made a
     * Java identifier the way JLS 6.1 suggests ({@code -} becomes {@code _}, a leading digit gets a
     * {@code _} before it, a keyword one after it).
     */
    static String defaultPackage(String groupId, String packId) {
        List<String> parts = new ArrayList<>();
        for (String part : groupId.split("\\.")) {
            parts.add(identifier(part.replace('-', '_')));
        }
        parts.add("rig");
        parts.add(identifier(packId.replace("-", "").replace("_", "")));
        return String.join(".", parts);
    }

    private static String identifier(String part) {
        String name = Character.isDigit(part.charAt(0)) ? "_" + part : part;
        return SourceVersion.isKeyword(name) ? name + "_" : name;
    }

    /** Every file of the project, in the order they are listed to the user. */
    List<File> files() {
        String packagePath = javaPackage.replace('.', '/');
        String testClass = className() + "Test";
        Map<String, String> values = Map.of(
                "packId", packId,
                "groupId", groupId,
                "artifactId", artifactId(),
                "package", javaPackage,
                "packagePath", packagePath,
                "className", className(),
                "testClass", testClass,
                "rigVersion", rigVersion,
                "rigRepository", rigRepository.replace("&", "&amp;"));
        return List.of(
                rendered("pom.xml", "pom.xml.tmpl", values),
                new File("mvnw", resource("mvnw"), true),
                new File(".mvn/wrapper/maven-wrapper.properties", resource("maven-wrapper.properties"), false),
                rendered(".gitignore", "gitignore.tmpl", values),
                rendered("README.md", "README.md.tmpl", values),
                rendered("src/main/java/" + packagePath + "/" + className() + ".java", "Pack.java.tmpl", values),
                rendered("src/main/java/" + packagePath + "/HelloTool.java", "HelloTool.java.tmpl", values),
                rendered("src/main/resources/META-INF/services/dev.rig.spi.Pack", "services.tmpl", values),
                rendered("src/test/java/" + packagePath + "/" + testClass + ".java", "PackTest.java.tmpl", values));
    }

    private static File rendered(String path, String template, Map<String, String> values) {
        String text = new String(resource(template), StandardCharsets.UTF_8);
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + template + " uses an unknown placeholder "
                        + placeholder.group());
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        return new File(path, out.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PackTemplate.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the pack template file " + name + " is missing from the rig-cli jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
