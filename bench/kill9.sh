#!/usr/bin/env bash
# Durability under kill -9: every acknowledged call is in the audit log, and the hash chain holds.
# Starts the RIG server (127.0.0.1, free port, fresh temp dir) as its own JVM, drives echo calls from
# CLIENTS threads for SECONDS, kills the server with SIGKILL mid-load, then checks the SQLite audit log.
# Prints "acknowledged N, present N, missing 0" and "hash chain: intact"; exit 0 only if both hold.
# Usage: bench/kill9.sh [CLIENTS=16] [SECONDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
build_jar
exec "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.rig.bench.AuditDurability "${1:-16}" "${2:-5}"
