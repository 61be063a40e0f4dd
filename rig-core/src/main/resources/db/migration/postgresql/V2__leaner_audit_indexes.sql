-- Every audit index is one more B-tree insert on the hot path of every call. Queries page newest
-- first by seq, so (tenant_id, seq) serves tenant filters in order; timestamp and tool filters are
-- checked while walking seq backwards and need no index of their own. run_id stays: a call is
-- looked up by its correlation id.
DROP INDEX audit_events_timestamp;
DROP INDEX audit_events_tool;
DROP INDEX audit_events_tenant_id;
CREATE INDEX audit_events_tenant_seq ON audit_events (tenant_id, seq);
