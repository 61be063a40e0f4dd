-- The audit log: append-only, one hash chain in seq order (see JdbcAuditLog).
-- Timestamps are ISO-8601 UTC text with millisecond precision and a Z, so text order is time order.
CREATE TABLE audit_events (
    seq                  BIGINT PRIMARY KEY,
    timestamp            TEXT    NOT NULL,
    tenant_id            TEXT    NOT NULL,
    actor                TEXT,
    run_id               TEXT    NOT NULL,
    tool                 TEXT    NOT NULL,
    input_hash           TEXT,
    args_json            TEXT,
    outcome              TEXT    NOT NULL,
    duration_ms          BIGINT  NOT NULL,
    error_type           TEXT,
    redacted_auth_marker TEXT,
    pack                 TEXT,
    pack_version         TEXT,
    interface_hash       TEXT,
    approval_token       TEXT,
    prev_hash            TEXT    NOT NULL,
    hash                 TEXT    NOT NULL
);
CREATE INDEX audit_events_run_id ON audit_events (run_id);
CREATE INDEX audit_events_tenant_id ON audit_events (tenant_id);
CREATE INDEX audit_events_timestamp ON audit_events (timestamp);
CREATE INDEX audit_events_tool ON audit_events (tool);

-- The chain's last link: locked by each writing transaction, so gateways sharing the
-- database extend one chain in turn; also lets verification notice entries deleted at the end.
CREATE TABLE audit_chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Calls held for a human decision. Instants are ISO-8601 UTC text with nine fraction digits.
CREATE TABLE approvals (
    token              TEXT PRIMARY KEY,
    tool_name          TEXT NOT NULL,
    risk_class         TEXT NOT NULL,
    args_json          TEXT NOT NULL,
    redacted_args_json TEXT NOT NULL,
    args_sha256        TEXT NOT NULL,
    tenant_id          TEXT NOT NULL,
    actor              TEXT NOT NULL,
    request_id         TEXT,
    correlation_id     TEXT NOT NULL,
    requested_at       TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED')),
    decided_by         TEXT,
    decided_at         TEXT
);
CREATE INDEX approvals_pending ON approvals (status, tenant_id, requested_at);
