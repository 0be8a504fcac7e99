import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { AuditActor } from './auditActor'

import { coalesced } from '../bulk/createTogether'

import { type Sql, type SQL, tableOf, tableOfCollection, transactionSql } from '../database'

/** What an entry records: a document created, changed or deleted, or a stock level moved (by the ledger). */
export const AUDIT_OPERATIONS = ['create', 'update', 'delete', 'stock'] as const
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number]

/** A field's value before and after; a secret is the string `[redacted]` on both sides. */
export type AuditChange = { after: unknown; before: unknown; field: string }

/** One audit entry, as `recordAudit` writes it. */
export type AuditEntry = {
  actor: AuditActor
  changes: AuditChange[]
  /** The collection slug of the document (`products`, `users`, …). */
  collection: string
  documentId: number | string
  /** A human label for the list (title, email, URL, order number); optional. */
  documentTitle?: null | string
  /** A short free-text note (the stock movement's reason and order). */
  note?: null | string
  operation: AuditOperation
  /** The request id the logs show for the request that made the change; null for work outside a request. */
  requestId?: null | string
}

/** The value written for every secret (passwords, signing secrets, tokens, hashes). */
export const REDACTED = '[redacted]'

/** The audit table's name, from a request (for hooks) or from the Payload instance (for scripts). */
export const auditTableOf = (from: Payload | PayloadRequest, slug: string): string => tableOfCollection('db' in from ? from : from.payload, slug)

/** An entry as the columns of the audit table, for `jsonb_to_recordset`. */
const rowOf = (entry: AuditEntry) => ({
  actor_email: entry.actor.email ?? null,
  actor_kind: entry.actor.kind,
  actor_name: entry.actor.kind === 'system' ? entry.actor.name : null,
  actor_user_id: entry.actor.id === null || entry.actor.id === undefined ? null : String(entry.actor.id),
  changes: entry.changes,
  document_id: String(entry.documentId),
  document_title: entry.documentTitle?.slice(0, 200) ?? null,
  note: entry.note?.slice(0, 500) ?? null,
  operation: entry.operation,
  request_id: entry.requestId ?? null,
  target_collection: entry.collection,
})

/** The enum type of one of the audit table's select columns. */
export const auditEnum = (table: string, column: 'actor_kind' | 'operation'): SQL => sql`${sql.identifier(`enum_${table}_${column}`)}`

/**
 * Appends `entries` to the audit log in ONE statement, on `db`: the request's transaction
 * (`transactionSql(req)`) or a transaction of the caller's own (`db.transaction(async (tx) => …)`), so
 * the entries commit or roll back with the change they describe. The plugin's stable SQL-level API for
 * writers that bypass Payload's hooks (checkout, the sweeper, bulk imports): see docs/audit.md.
 */
export const recordAudit = async (db: Sql, table: string, entries: AuditEntry[]): Promise<void> => {
  if (entries.length === 0) return
  await db.execute(sql`
    insert into ${sql.identifier(table)} (actor_kind, actor_name, actor_user_id, actor_email, operation, target_collection, document_id,
      document_title, changes, note, request_id, created_at, updated_at)
    select r.actor_kind::${auditEnum(table, 'actor_kind')}, r.actor_name, r.actor_user_id::numeric, r.actor_email, r.operation::${auditEnum(table, 'operation')},
      r.target_collection, r.document_id, r.document_title, r.changes, r.note, r.request_id, now(), now()
    from jsonb_to_recordset(${JSON.stringify(entries.map(rowOf))}::jsonb) as r (actor_kind text, actor_name text, actor_user_id text, actor_email text,
      operation text, target_collection text, document_id text, document_title text, changes jsonb, note text, request_id text)`)
}

/** `recordAudit` in the request's transaction. */
export const recordAuditIn = async (req: PayloadRequest, slug: string, entries: AuditEntry[]): Promise<void> => {
  const table = tableOf(req, slug)
  // Saves created together (an import) append their entries in one statement.
  await coalesced(req, `audit:${table}`, entries, async (all) => {
    await recordAudit(await transactionSql(req), table, all.flat())
    return all.map(() => undefined)
  })
}

/** What every row of `auditRowsSql` shares. */
export type AuditRowsCommon = { actor: AuditActor; collection: string; operation: AuditOperation; requestId: null | string }

/**
 * An `insert … select` of audit entries whose documents come from `source`, a query returning
 * `document_id text, document_title text, changes jsonb, note text`: for a raw-SQL writer to record its
 * change inside the statement (a CTE body) or the transaction that makes it. The values are bound
 * parameters, so the statement's text stays the same from call to call (it can be prepared).
 */
export const auditRowsSql = (table: string, common: AuditRowsCommon, source: SQL): SQL => {
  const { actor } = common
  return sql`
  insert into ${sql.identifier(table)} (actor_kind, actor_name, actor_user_id, actor_email, operation, target_collection, document_id,
    document_title, changes, note, request_id, created_at, updated_at)
  select ${actor.kind}::${auditEnum(table, 'actor_kind')}, ${actor.kind === 'system' ? actor.name : null}::varchar,
    ${actor.id === null || actor.id === undefined ? null : String(actor.id)}::numeric, ${actor.email ?? null}::varchar,
    ${common.operation}::${auditEnum(table, 'operation')}, ${common.collection}::varchar, s.document_id, s.document_title, s.changes, s.note,
    ${common.requestId}::varchar, now(), now()
  from (${source}) s`
}
