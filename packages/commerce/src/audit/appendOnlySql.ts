/**
 * The database guard of the audit log, as SQL a host copies into a migration of its own (migrations
 * import nothing live; the CMS's `20261207_053448_audit_trail` holds this copy): a trigger refusing every
 * UPDATE, DELETE and TRUNCATE of `table`, except a DELETE in a transaction that has set
 * `showroom.audit_prune = on` (an operator pruning old entries, docs/audit.md).
 */
export const auditLogGuardSql = (table = 'audit_log'): string => `
CREATE FUNCTION "${table}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('showroom.audit_prune', true) = 'on' THEN RETURN OLD; END IF;
  RAISE EXCEPTION '${table} is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'To prune old entries, see docs/audit.md (SET LOCAL showroom.audit_prune = on).';
END $$;
CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_append_only"();
CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "${table}_append_only"();
`
