import type { EditConfigWithoutRoot } from 'payload'
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeOperationHook, CollectionConfig, PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { AuditTrailConfig } from './AuditTrailView'
import type { AuditedFields } from './diffFields'

import { auditActorOf, requestIdOf } from './auditActor'
import { diffFields, titleOf } from './diffFields'
import { recordAuditIn } from './record'

const secretsKey = (slug: string) => `audit:secrets:${slug}`

const isGiven = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/**
 * Notes which secret fields a write sets (a password, a signing secret), before Payload hashes or
 * hides them: the audit then records that they changed, never their values.
 */
const noteChangedSecrets =
  (slug: string, spec: AuditedFields, inputs: Record<string, string[]>): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const data = (args as { data?: Record<string, unknown> }).data ?? {}
    const changed = (spec.secrets ?? []).filter((secret) => (inputs[secret] ?? [secret]).some((input) => isGiven(data[input])))
    req.context[secretsKey(slug)] = changed
    return args
  }

const takeChangedSecrets = (req: PayloadRequest, slug: string): string[] => {
  const changed = req.context[secretsKey(slug)]
  delete req.context[secretsKey(slug)]
  return Array.isArray(changed) ? (changed as string[]) : []
}

/** Records a create or an update (the audited fields before and after), in the save's transaction. */
const recordChange =
  (config: SanitizedCommercePluginConfig, slug: string, spec: AuditedFields): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    const before = operation === 'create' ? null : (previousDoc as Record<string, unknown>)
    const changes = diffFields(spec, before, doc as Record<string, unknown>, takeChangedSecrets(req, slug))
    if (operation === 'update' && changes.length === 0 && spec.skipUnchanged) return doc
    // A server-side step may say what it did beyond the fields (a refund's lines, a return request).
    const note = req.context.auditNote
    delete req.context.auditNote
    await recordAuditIn(req, config.slugs.auditLog, [
      {
        actor: auditActorOf(req),
        changes,
        collection: slug,
        documentId: (doc as { id: number | string }).id,
        documentTitle: titleOf(spec, doc as Record<string, unknown>),
        note: typeof note === 'string' ? note : null,
        operation,
        requestId: requestIdOf(req),
      },
    ])
    return doc
  }

/** Records a delete with the audited fields' last values, in the delete's transaction. */
const recordDelete =
  (config: SanitizedCommercePluginConfig, slug: string, spec: AuditedFields): CollectionAfterDeleteHook =>
  async ({ doc, id, req }) => {
    await recordAuditIn(req, config.slugs.auditLog, [
      {
        actor: auditActorOf(req),
        changes: diffFields(spec, doc as Record<string, unknown>, null),
        collection: slug,
        documentId: id,
        documentTitle: titleOf(spec, doc as Record<string, unknown>),
        operation: 'delete',
        requestId: requestIdOf(req),
      },
    ])
    return doc
  }

/**
 * Adds the audit trail's hooks to a collection: every create, update and delete through Payload (REST,
 * admin, Local API) appends an entry in the same transaction. `secretInputs` names the input fields that
 * set a secret (`{ secret: ['secret', 'newSecret'] }`), when they differ from its name.
 */
export const withAuditTrail = (
  config: SanitizedCommercePluginConfig,
  collection: CollectionConfig,
  spec: AuditedFields,
  secretInputs: Record<string, string[]> = {},
): CollectionConfig => {
  const slug = collection.slug
  const hooks = collection.hooks ?? {}
  const views = collection.admin?.components?.views
  const audit: AuditTrailConfig = { auditLog: config.slugs.auditLog, roles: config.roles }
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: {
        ...collection.admin?.components,
        views: {
          ...views,
          // Payload's EditConfigWithoutRoot (an index signature beside optional known keys) accepts no
          // object literal with a custom key; the shape is the documented one.
          edit: {
            ...views?.edit,
            audit: {
              Component: { path: '@showroom/payload-commerce/rsc#AuditTrailView', serverProps: { audit } },
              path: '/audit',
              tab: { href: '/audit', label: 'Audit', order: 1000 },
            },
          } as EditConfigWithoutRoot,
        },
      },
    },
    hooks: {
      ...hooks,
      afterChange: [...(hooks.afterChange ?? []), recordChange(config, slug, spec)],
      afterDelete: [...(hooks.afterDelete ?? []), recordDelete(config, slug, spec)],
      beforeOperation: [...(hooks.beforeOperation ?? []), ...(spec.secrets?.length ? [noteChangedSecrets(slug, spec, secretInputs)] : [])],
    },
  }
}
