# Sourced by the bench scripts, from the repository root. Sets JAVA_BIN (a JDK 21+: $JAVA, then
# JAVA_HOME, /usr/lib/jvm/*, java on PATH) and JAR; build_jar rebuilds JAR when a source is newer.
JAR=bench/target/benchmarks.jar
JAVA_BIN=${JAVA:-}
if [[ -z $JAVA_BIN ]]; then
  for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [[ -x "$j" ]] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [[ "${v%%.*}" -ge 21 ]]; then JAVA_BIN=$j; break; fi
  done
fi
[[ -n $JAVA_BIN ]] || { echo "no JDK 21+ found (set JAVA or JAVA_HOME)" >&2; exit 2; }

# The modules benchmarks.jar is built from (RigServerMain serves /mcp too, hence rig-mcp).
BENCH_SOURCES=(pom.xml bench/src bench/pom.xml rig-spi/src rig-core/src rig-mcp/src rig-server/src packs/rig-pack-echo/src packs/rig-pack-stripe/src)

build_jar() {
  if [[ ! -f $JAR ]] || [[ -n "$(find "${BENCH_SOURCES[@]}" -newer $JAR -type f 2>/dev/null | head -1)" ]]; then
    echo "building $JAR ..." >&2
    ./mvnw -q -o -pl bench -am package -DskipTests
  fi
}
