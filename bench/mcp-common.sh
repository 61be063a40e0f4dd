# Sourced by bench/mcp-stdio.sh and bench/mcp-startup.sh: finds a JDK 21+ (JAVA_BIN, exported as
# JAVA_HOME for bin/rig), builds bench/target/benchmarks.jar and the rig-cli distribution
# (rig-cli/target/rig) when a source is newer than the last build, and copies that distribution to
# bench/target/rig (so a rebuild of rig-cli by someone else during a run cannot change it). Sets JAR
# and RIG (bench/target/rig/bin/rig).
source bench/java.sh
JAVA_HOME=$(cd "$(dirname "$JAVA_BIN")/.." && pwd -P)
export JAVA_HOME
RIG=$PWD/bench/target/rig/bin/rig
STAMP=bench/target/rig-dist.stamp
SOURCES=(pom.xml bench/src bench/pom.xml rig-spi rig-core rig-mcp rig-server rig-cli packs)
if [[ ${NO_BUILD:-} != 1 ]]; then
  if [[ ! -f $JAR || ! -f $STAMP || ! -x $RIG ]] || [[ -n "$(find "${SOURCES[@]}" -newer $STAMP -type f -not -path '*/target/*' 2>/dev/null | head -1)" ]]; then
    echo "building $JAR and the rig-cli distribution ..." >&2
    ./mvnw -q -o -pl bench,rig-cli -am package -DskipTests
    rm -rf bench/target/rig
    cp -a rig-cli/target/rig bench/target/rig
    touch "$STAMP"
  fi
fi
"$RIG" --version >/dev/null || { echo "$RIG does not run; rebuild (rm $STAMP)" >&2; exit 2; }
echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain -- rig-spi rig-core rig-mcp rig-server rig-cli packs 2>/dev/null | grep -q . && echo ' + uncommitted changes in rig-*/packs'); distribution bench/target/rig, rig-*.jar digest $(cat bench/target/rig/lib/rig-*.jar | sha256sum | cut -c1-12)"
