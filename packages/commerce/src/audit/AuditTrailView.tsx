import type { CollectionSlug, DocumentViewServerProps } from 'payload'

import type { RoleNames } from '../types'

import { isStaffUser } from '../access/roles'

/** The plain part of the config the view needs, passed as a server prop. */
export type AuditTrailConfig = { auditLog: CollectionSlug; roles: RoleNames }

export type AuditTrailViewProps = DocumentViewServerProps & { audit: AuditTrailConfig }

type Change = { after: unknown; before: unknown; field: string }
type Entry = {
  actorEmail?: null | string
  actorKind: string
  actorName?: null | string
  changes?: unknown
  createdAt: string
  id: number | string
  note?: null | string
  operation: string
  requestId?: null | string
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })
const cell = { borderBottom: '1px solid var(--theme-elevation-150)', padding: '0.5rem', textAlign: 'left', verticalAlign: 'top' } as const

const shown = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value))

const changesOf = (value: unknown): Change[] =>
  Array.isArray(value) ? value.filter((c): c is Change => c !== null && typeof c === 'object' && typeof (c as Change).field === 'string') : []

const actorOf = (entry: Entry): string =>
  entry.actorKind === 'system' ? `${entry.actorName ?? 'system'}${entry.actorEmail ? ` (for ${entry.actorEmail})` : ''}` : (entry.actorEmail ?? 'a user')

/**
 * The "Audit" tab of an audited document (`admin.components.views.edit.audit`): its entries, newest
 * first, each with who, when, the fields before and after, and the request id. Read-only, staff only.
 */
export const AuditTrailView = async ({ audit, initPageResult }: AuditTrailViewProps) => {
  const { collectionConfig, docID, req } = initPageResult
  if (!isStaffUser(audit.roles, req.user) || !collectionConfig || docID === undefined) return null
  const { docs, totalDocs } = await req.payload.find({
    collection: audit.auditLog,
    depth: 0,
    limit: 100,
    overrideAccess: false,
    // Entries of one transaction share createdAt: the later-written first among them.
    sort: ['-createdAt', '-id'],
    user: req.user,
    where: { and: [{ targetCollection: { equals: collectionConfig.slug } }, { documentId: { equals: String(docID) } }] },
  })
  const entries = docs as unknown as Entry[]
  const all = `${req.payload.config.routes.admin}/collections/${audit.auditLog}?where[targetCollection][equals]=${encodeURIComponent(collectionConfig.slug)}&where[documentId][equals]=${encodeURIComponent(String(docID))}`
  return (
    <div className="gutter--left gutter--right" data-testid="audit-trail" style={{ paddingBottom: '2rem', paddingTop: '1.5rem' }}>
      <h2 style={{ marginTop: 0 }}>Audit trail</h2>
      <p>
        {totalDocs === 0 ? 'No changes recorded yet.' : `${totalDocs} ${totalDocs === 1 ? 'change' : 'changes'}, newest first.`}{' '}
        {totalDocs > entries.length ? <a href={all}>See all {totalDocs} in the audit log</a> : null}
      </p>
      {entries.length > 0 ? (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={cell}>When (UTC)</th>
              <th style={cell}>Who</th>
              <th style={cell}>What</th>
              <th style={cell}>Changes</th>
              <th style={cell}>Request id</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const changes = changesOf(entry.changes)
              return (
                <tr data-testid="audit-entry" key={entry.id}>
                  <td style={cell}>{dateTime.format(new Date(entry.createdAt))}</td>
                  <td style={cell}>{actorOf(entry)}</td>
                  <td style={cell}>
                    {entry.operation}
                    {entry.note ? <div><small>{entry.note}</small></div> : null}
                  </td>
                  <td style={cell}>
                    {changes.length === 0 ? <small>no audited field changed</small> : null}
                    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                      {changes.map((change) => (
                        <li key={change.field}>
                          <strong>{change.field}</strong>: {shown(change.before)} → {shown(change.after)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td style={cell}>
                    <code>{entry.requestId ?? '—'}</code>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
