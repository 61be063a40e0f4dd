-- Who approved (or denied) a held call, on the events of that decision; null on every other event.
-- Rows written before this column hash as they did: the chain covers approver only when it is set
-- (see AuditRow).
ALTER TABLE audit_events ADD COLUMN approver TEXT;
