package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm command line, as {@code rig install --runtime node} uses it: installs one package into a
 * prefix directory ({@code npm install --prefix DIR --no-audit --no-fund --omit=dev SPEC}) and reads
 * what npm recorded in that prefix's {@code package-lock.json}. The program is {@code npm} from the
 * PATH, or {@code RIG_NPM}.
 */
final class Npm {

    /** How long one npm command may take (a slow registry); then it is stopped. */
    private static final long TIMEOUT_MINUTES = 10;
    /** How much of npm's output a failure shows. */
    private static final int OUTPUT_LINES = 12;

    /** A package npm installed: its name, version and integrity ({@code sha512-<base64>}) from package-lock.json. */
    record Installed(String name, String version, String integrity) {

        Installed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(integrity, "integrity");
        }
    }

    /** A spec as npm takes it, and whether it names a local tarball or directory (then {@code path} is set). */
    record Spec(String text, Path path, boolean directory) {

        boolean local() {
            return path != null;
        }

        /**
         * Reads {@code text}: {@code file:} URLs, paths starting with {@code /}, {@code ./}, {@code ../} or
         * {@code ~/}, and anything that exists below {@code base} are local; the rest goes to npm as it is
         * (name, name@version, a git URL...).
         */
        static Spec of(String text, Path base) {
            String value = text.strip();
            String pathText = value.startsWith("file:") ? value.substring("file:".length()) : value;
            boolean explicit = value.startsWith("file:") || pathText.startsWith("/") || pathText.startsWith("./")
                    || pathText.startsWith("../") || pathText.startsWith("~/") || pathText.equals(".");
            if (!explicit && (value.startsWith("@") || value.contains(":"))) {
                return new Spec(value, null, false);
            }
            Path path;
            try {
                path = pathText.startsWith("~/") ? Path.of(System.getProperty("user.home"), pathText.substring(2))
                        : base.resolve(pathText);
            } catch (RuntimeException e) {
                return new Spec(value, null, false);
            }
            path = path.toAbsolutePath().normalize();
            if (!explicit && !Files.exists(path)) {
                return new Spec(value, null, false);
            }
            if (!Files.exists(path)) {
                throw new RigException(ErrorType.NOT_FOUND, "npm package " + value + ": no such file or directory ("
                        + path + ")", "name an npm package (name@version), a tarball made by `npm pack`, or a"
                        + " package directory");
            }
            return new Spec(value, path, Files.isDirectory(path));
        }
    }

    private final Map<String, String> environment;
    private final Path workingDirectory;

    /**
     * @param environment the environment npm runs with (the whole of it: npm needs HOME, proxies, its config)
     * @param workingDirectory where npm runs (its project {@code .npmrc} is read there)
     */
    Npm(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /** The npm program: {@code RIG_NPM} from the environment, else {@code npm}. */
    static String program(Map<String, String> environment) {
        String configured = environment.get("RIG_NPM");
        return configured == null || configured.isBlank() ? "npm" : configured;
    }

    /**
     * Installs {@code spec} into {@code prefix} (a directory npm creates, with {@code node_modules/} and
     * {@code package-lock.json}); a package directory is packed into {@code scratch} first, so what is
     * installed is a copy with an integrity, not a link to the directory.
     *
     * @throws RigException when npm fails (its last lines of output in the message) or records no integrity
     */
    Installed install(Spec spec, Path prefix, Path scratch) {
        String target = spec.text();
        if (spec.local()) {
            target = spec.path().toString();
        }
        if (spec.directory()) {
            target = pack(spec, scratch).toString();
        }
        run(List.of("install", "--prefix", prefix.toString(), "--no-audit", "--no-fund", "--omit=dev", target),
                "install " + spec.text());
        return installed(prefix).orElseThrow(() -> new RigException(ErrorType.UPSTREAM_ERROR, "npm installed "
                + spec.text() + " but " + prefix.resolve("package.json") + " names no package",
                "run `npm install " + spec.text() + "` by hand to see what npm does"));
    }

    /** Packs package directory {@code spec} with {@code npm pack} into {@code scratch}: the tarball. */
    private Path pack(Spec spec, Path scratch) {
        Path destination;
        try {
            destination = Files.createDirectories(scratch.resolve("pack"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + scratch.resolve("pack"), e);
        }
        run(List.of("pack", spec.path().toString(), "--pack-destination", destination.toString()),
                "pack " + spec.text());
        try (Stream<Path> files = Files.list(destination)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new RigException(ErrorType.UPSTREAM_ERROR, "npm pack " + spec.text() + " made " + tarballs.size()
                        + " tarballs, not one", "run `npm pack` in " + spec.path() + " by hand to see what npm does");
            }
            return tarballs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + destination, e);
        }
    }

    /**
     * What npm installed into {@code prefix}: the one dependency of its {@code package.json}, with its
     * version and integrity from {@code package-lock.json}; empty when nothing is installed there.
     *
     * @throws RigException when package-lock.json records no version or integrity for it
     */
    static Optional<Installed> installed(Path prefix) {
        JsonNode manifest = readJson(prefix.resolve("package.json"));
        if (manifest == null || !manifest.path("dependencies").isObject() || manifest.get("dependencies").isEmpty()) {
            return Optional.empty();
        }
        Iterator<String> names = manifest.get("dependencies").fieldNames();
        String name = names.next();
        if (names.hasNext()) {
            throw new RigException(ErrorType.CONFLICT, prefix.resolve("package.json") + " names more than one package",
                    "an npm pack directory holds exactly one package; `rig install --force` installs it again");
        }
        return Optional.of(locked(prefix, name));
    }

    private static Installed locked(Path prefix, String name) {
        Path lockFile = prefix.resolve("package-lock.json");
        JsonNode lock = readJson(lockFile);
        JsonNode entry = lock == null ? null : lock.path("packages").get("node_modules/" + name);
        if (entry == null || !entry.path("version").isTextual()) {
            throw new RigException(ErrorType.UPSTREAM_ERROR, lockFile + " records no version of " + name,
                    "npm 7 or newer writes packages[\"node_modules/" + name + "\"] there; check `npm --version`");
        }
        if (!entry.path("integrity").isTextual()) {
            throw new RigException(ErrorType.UPSTREAM_ERROR, lockFile + " records no integrity for " + name + " "
                    + entry.get("version").asText() + (entry.path("link").asBoolean(false) ? " (npm linked it)" : ""),
                    "RIG pins npm's integrity: install from the registry, a tarball (`npm pack`) or a package directory");
        }
        return new Installed(name, entry.get("version").asText(), entry.get("integrity").asText());
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RigException(ErrorType.UPSTREAM_ERROR, "cannot read " + file + ": " + e.getMessage(),
                    "install the pack again with `rig install --force`");
        }
    }

    /** Runs npm with {@code arguments}; fails with npm's last lines of output when it exits non-zero. */
    private void run(List<String> arguments, String what) {
        List<String> command = new ArrayList<>();
        command.add(program(environment));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("NPM_CONFIG_UPDATE_NOTIFIER", "false");
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RigException(ErrorType.NOT_FOUND, "cannot run npm (" + command.get(0) + "): " + e.getMessage(),
                    "install Node.js 18 or newer with npm (https://nodejs.org, or your package manager), or set"
                            + " RIG_NPM to the npm program");
        }
        try {
            process.getOutputStream().close(); // npm reads nothing from stdin
        } catch (IOException e) {
            // closed already
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("npm-output").start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // the process ended
            }
        });
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new RigException(ErrorType.TIMEOUT, "npm " + what + " took longer than " + TIMEOUT_MINUTES
                        + " minutes", "check the network and npm's registry settings");
            }
            reader.join(Duration.ofSeconds(5)); // a process npm left behind may hold its output open
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RigException(ErrorType.INTERNAL_ERROR, "interrupted while npm ran " + what);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new RigException(ErrorType.UPSTREAM_ERROR, "npm " + what + " failed (exit " + process.exitValue()
                    + "): " + lastLines(output), "run `" + String.join(" ", command) + "` by hand to see all of npm's"
                    + " output");
        }
    }

    private static String lastLines(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.contains("A complete log of this run")).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!")).toList();
        List<String> shown = errors.isEmpty() ? lines : errors;
        shown = shown.subList(Math.max(0, shown.size() - OUTPUT_LINES), shown.size());
        return shown.isEmpty() ? "(no output)" : String.join(" | ", shown);
    }
}
