import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { AUDIT_OPERATIONS } from '../../audit/record'
import { staffReadOnly } from '../../access/staffReadOnly'

const readOnly = { readOnly: true }

/**
 * The audit trail: who changed what, when, and in which request, for products, categories, users,
 * orders, media, webhook endpoints and every stock move. Append-only: staff read it, nobody creates,
 * edits or deletes an entry through the API (the plugin writes them with SQL in the transaction of the
 * change they describe, `audit/record.ts`), and a trigger refuses UPDATE and DELETE in the database
 * itself (docs/audit.md explains pruning).
 */
export const createAuditLogCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.auditLog,
  access: staffReadOnly(config.roles),
  admin: {
    defaultColumns: ['createdAt', 'targetCollection', 'documentTitle', 'operation', 'actorEmail', 'actorName', 'requestId'],
    description: 'Who changed what and when, newest first. Read-only: entries are never edited or deleted. Filter by collection, document id, actor or date.',
    group: 'Audit',
    listSearchableFields: ['documentTitle', 'documentId', 'actorEmail', 'requestId'],
    pagination: { defaultLimit: 50 },
    useAsTitle: 'documentTitle',
  },
  defaultSort: '-createdAt',
  disableDuplicate: true,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'targetCollection', type: 'text', admin: { ...readOnly, description: 'The collection of the changed document.' }, label: 'Collection', required: true },
        { name: 'documentId', type: 'text', admin: readOnly, label: 'Document id', required: true },
        { name: 'documentTitle', type: 'text', admin: readOnly, label: 'Document' },
        { name: 'operation', type: 'select', admin: readOnly, index: true, options: [...AUDIT_OPERATIONS], required: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'actorKind', type: 'select', admin: readOnly, label: 'Actor', options: ['user', 'system'], required: true },
        { name: 'actorName', type: 'text', admin: { ...readOnly, description: 'The shop process: checkout, sweeper, import…' }, index: true, label: 'System' },
        { name: 'actorUserId', type: 'number', admin: readOnly, index: true, label: 'User id' },
        { name: 'actorEmail', type: 'text', admin: { ...readOnly, description: 'The user’s email at the time.' }, index: true, label: 'User email' },
      ],
    },
    {
      name: 'changes',
      type: 'json',
      admin: { ...readOnly, description: 'Each audited field with its value before and after; secrets show as [redacted].' },
    },
    { name: 'note', type: 'text', admin: readOnly },
    { name: 'requestId', type: 'text', admin: { ...readOnly, description: 'The id the request’s log lines carry.' }, index: true, label: 'Request id' },
  ],
  // The per-document trail, newest first (Payload indexes createdAt alone for the list's date filter).
  indexes: [{ fields: ['targetCollection', 'documentId', 'createdAt'] }],
  // Nothing to edit, so nothing to lock: opening an entry writes nothing.
  lockDocuments: false,
  timestamps: true,
})
