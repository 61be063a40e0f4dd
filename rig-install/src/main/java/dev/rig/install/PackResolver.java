package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.version.Version;

/**
 * Resolves a pack's jar and its runtime dependencies with Maven Resolver (through MIMA), from the
 * configured repositories.
 *
 * <p>Read-only local repositories (the distribution's bundled pack repository, the user's
 * {@code ~/.m2/repository}) are searched in place as the <em>tail</em> of a chained local
 * repository, before any remote one; what comes from a remote repository is cached in RIG's own
 * cache directory, never in {@code ~/.m2}. {@code dev.rig:rig-spi} is never copied into a pack: the
 * gateway provides it.
 */
public final class PackResolver {

    private final PackRepositories repositories;
    private final Path cacheDirectory;
    private final boolean offline;
    private final TransferListener transfers;

    /**
     * @param cacheDirectory where downloads are kept (a Maven local repository RIG owns)
     * @param offline resolve from the local repositories only
     * @param transfers told about each download (progress bars); may be null
     */
    public PackResolver(PackRepositories repositories, Path cacheDirectory, boolean offline,
                        TransferListener transfers) {
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.offline = offline;
        this.transfers = transfers;
    }

    /** A resolved jar: its coordinates and the file in a local repository. */
    public record ResolvedJar(String groupId, String artifactId, String version, String classifier, Path file,
                              String source) {

        /** {@code groupId:artifactId:version}, with {@code :classifier} before the version when there is one. */
        public String coordinates() {
            return classifier == null || classifier.isEmpty() ? groupId + ":" + artifactId + ":" + version
                    : groupId + ":" + artifactId + ":jar:" + classifier + ":" + version;
        }
    }

    /**
     * The pack artifact {@code groupId:artifactId:version} and its runtime dependencies, the pack first.
     *
     * @throws RigException {@code not_found} when the artifact or a dependency is in no repository,
     *     {@code transient} when a repository could not be reached
     */
    public List<ResolvedJar> resolve(String groupId, String artifactId, String version) {
        try (Context context = open()) {
            DefaultArtifact root = new DefaultArtifact(groupId, artifactId, "jar", version);
            CollectRequest collect = new CollectRequest(new Dependency(root, JavaScopes.RUNTIME),
                    context.remoteRepositories());
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results;
            try {
                results = context.repositorySystem().resolveDependencies(context.repositorySystemSession(), request)
                        .getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw failure(groupId + ":" + artifactId + ":" + version, e);
            }
            Map<String, ResolvedJar> jars = new LinkedHashMap<>();
            for (ArtifactResult result : results) {
                Artifact artifact = result.getArtifact();
                if (artifact == null || artifact.getFile() == null || isSpi(artifact)) {
                    continue;
                }
                ResolvedJar jar = new ResolvedJar(artifact.getGroupId(), artifact.getArtifactId(),
                        artifact.getVersion(), artifact.getClassifier(), artifact.getFile().toPath(),
                        repositories.sourceOf(artifact.getFile().toPath(),
                                result.getRepository() == null ? null : result.getRepository().getId()));
                jars.putIfAbsent(jar.coordinates(), jar);
            }
            return List.copyOf(jars.values());
        }
    }

    /** The versions of {@code groupId:artifactId} the repositories offer, oldest first. */
    public List<String> versions(String groupId, String artifactId) {
        try (Context context = open()) {
            VersionRangeRequest request = new VersionRangeRequest(
                    new DefaultArtifact(groupId, artifactId, "jar", "[0,)"), context.remoteRepositories(), null);
            VersionRangeResult result = context.repositorySystem()
                    .resolveVersionRange(context.repositorySystemSession(), request);
            return result.getVersions().stream().map(Version::toString).toList();
        } catch (VersionRangeResolutionException e) {
            throw failure(groupId + ":" + artifactId, e);
        }
    }

    private static boolean isSpi(Artifact artifact) {
        return "dev.rig".equals(artifact.getGroupId()) && "rig-spi".equals(artifact.getArtifactId());
    }

    private Context open() {
        List<RemoteRepository> remotes = new ArrayList<>();
        for (PackRepositories.Remote remote : repositories.remotes()) {
            remotes.add(new RemoteRepository.Builder(remote.id(), "default", remote.url()).build());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (!repositories.locals().isEmpty()) {
            config.put("maven.repo.local.tail", repositories.locals().stream().map(l -> l.directory().toString())
                    .collect(Collectors.joining(",")));
            config.put("maven.repo.local.tail.ignoreAvailability", "true");
        }
        ContextOverrides.Builder overrides = ContextOverrides.create()
                .withUserSettings(true)
                .withLocalRepositoryOverride(cacheDirectory)
                .repositories(remotes)
                .addRepositoriesOp(ContextOverrides.AddRepositoriesOp.REPLACE)
                .configProperties(config)
                // Only the repositories of rig.yaml: a pack's pom cannot send resolution to hosts the user never named.
                .ignoreArtifactDescriptorRepositories(true)
                .offline(offline);
        if (transfers != null) {
            overrides.transferListener(transfers);
        }
        return Runtimes.INSTANCE.getRuntime().create(overrides.build());
    }

    private RigException failure(String coordinates, Exception e) {
        String reason = reasonOf(e);
        boolean unreachable = reason.contains("Connect") || reason.contains("connect") || reason.contains("timed out")
                || reason.contains("UnknownHost") || reason.contains("Name or service not known")
                || reason.contains("status code: 5");
        if (offline && !unreachable) {
            return new RigException(ErrorType.NOT_FOUND, "cannot resolve " + coordinates + " offline: " + reason,
                    "it is not in " + repositories.describeLocals() + "; run again without --offline");
        }
        return new RigException(unreachable ? ErrorType.TRANSIENT : ErrorType.NOT_FOUND,
                "cannot resolve " + coordinates + ": " + reason,
                unreachable ? "check the network and the repositories in rig.yaml (" + repositories.describe() + ")"
                        : "check the group, artifact and version; searched " + repositories.describe());
    }

    /** Which artifacts failed and why, when Maven Resolver says; else the deepest message. */
    private static String reasonOf(Exception e) {
        if (e instanceof DependencyResolutionException resolution && resolution.getResult() != null) {
            List<String> failed = new ArrayList<>();
            for (ArtifactResult result : resolution.getResult().getArtifactResults()) {
                if (!result.isResolved() && !result.getExceptions().isEmpty()) {
                    Artifact artifact = result.getRequest().getArtifact();
                    failed.add(artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion()
                            + " (" + rootMessage(result.getExceptions().get(0)) + ")");
                }
            }
            if (!failed.isEmpty()) {
                return "could not get " + String.join("; ", failed);
            }
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
