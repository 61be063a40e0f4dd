# Sourced by bench/mcp-idle.sh and bench/mcp-mount.sh, from the repository root: installs the real MCP
# servers the integration tests pin (rig-mcp-it/src/test/node: server-everything, server-filesystem and
# Node 22 from the `node` package) with `npm ci` into bench/target/node, again only when the package
# files change. Needs npm (any recent version) on the PATH. Sets NODE_DIR.
NODE_DIR=bench/target/node
node_project=rig-mcp-it/src/test/node
node_stamp=$(cat "$node_project/package.json" "$node_project/package-lock.json" | sha256sum | cut -c1-64)
if [[ ! -x $NODE_DIR/node_modules/node/bin/node || "$(cat "$NODE_DIR/.npm-ci.sha256" 2>/dev/null)" != "$node_stamp" ]]; then
  echo "npm ci of $node_project into $NODE_DIR ..." >&2
  mkdir -p "$NODE_DIR"
  rm -f "$NODE_DIR/.npm-ci.sha256"
  cp "$node_project/package.json" "$node_project/package-lock.json" "$NODE_DIR/"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$node_stamp" > "$NODE_DIR/.npm-ci.sha256"
fi
