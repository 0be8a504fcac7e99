import type { CollectionConfig, Field } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'

/** Field access that lets no one through the API. */
const never = (): boolean => false
import { MAX_IMPORT_BYTES } from '../../csv/readProductCsv'
import { errorsFileEndpoint, serveUploadedCsv } from './errorsFileEndpoint'
import { queueImportJob } from './queueImportJob'
import { checkUploadedCsv, takeUploadedCsv } from './takeUploadedCsv'

const written = { create: never, update: never }
/**
 * Set by the import job; read-only for everyone. Left out of the edit view (list columns and filters
 * keep them): the form would show them as they were when the page opened, while `ImportProgress`
 * above polls the live values.
 */
const live = { condition: () => false, readOnly: true }
const count = (name: string, label: string): Field => ({ name, type: 'number', access: written, admin: live, label })

/**
 * Product CSV imports (docs/csv.md): staff upload a file, a job on Payload's queue saves its products
 * by SKU and records its progress and counts here, and the rows it could not import are offered as
 * an errors file (`GET /product-imports/:id/errors`). The file itself stays in the database (never on
 * disk), so whichever CMS process runs the job reads it.
 */
export const createProductImportsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.productImports,
  access: { create: isStaff(config.roles), delete: isStaff(config.roles), read: isStaff(config.roles), update: nobody },
  admin: {
    defaultColumns: ['filename', 'status', 'processed', 'total', 'created', 'updated', 'failed', 'createdAt'],
    description: 'Upload a product CSV (format: docs/csv.md). Products are matched by SKU: new ones are created, existing ones updated.',
    group: 'Catalogue',
    useAsTitle: 'filename',
  },
  defaultSort: '-createdAt',
  endpoints: [errorsFileEndpoint(config)],
  fields: [
    {
      name: 'progress',
      type: 'ui',
      admin: { components: { Field: '@showroom/payload-commerce/client#ImportProgress' } },
    },
    {
      name: 'status',
      type: 'select',
      access: written,
      admin: { ...live, position: 'sidebar' },
      defaultValue: 'queued',
      index: true,
      options: ['queued', 'running', 'done', 'failed'],
    },
    count('total', 'Products in the file'),
    count('processed', 'Products processed'),
    count('created', 'Created'),
    count('updated', 'Updated'),
    count('failed', 'Not imported'),
    count('errorRows', 'Rows in the errors file'),
    { name: 'message', type: 'text', access: written, admin: live, label: 'Why the import failed' },
    { name: 'finishedAt', type: 'date', access: written, admin: { ...live, position: 'sidebar' } },
    {
      name: 'createdBy',
      type: 'relationship',
      access: written,
      admin: { position: 'sidebar', readOnly: true },
      relationTo: config.slugs.users,
    },
    // The uploaded CSV and the errors file: the job's and the errors endpoint's, never in a response.
    // (Payload caps text at 40,000 characters unless told; the CSV's own limit is in bytes, so at most as many characters.)
    { name: 'source', type: 'textarea', access: { ...written, read: never }, admin: { hidden: true }, maxLength: MAX_IMPORT_BYTES },
    // Each failed row plus its row number, column and reason: a few times the file at most.
    { name: 'errorsCsv', type: 'textarea', access: { ...written, read: never }, admin: { hidden: true }, maxLength: 4 * MAX_IMPORT_BYTES },
  ],
  hooks: {
    afterChange: [queueImportJob(config)],
    beforeChange: [takeUploadedCsv(config)],
    beforeOperation: [checkUploadedCsv],
  },
  labels: { plural: 'Product imports', singular: 'Product import' },
  upload: {
    // The CSV is kept in `source` instead: nothing on disk or in object storage. Payload's file route
    // (which has checked the collection's read access: staff) serves it from there, so the link on the
    // import's page downloads the file that was imported (the disk lookup would answer 500).
    disableLocalStorage: true,
    handlers: [serveUploadedCsv(config)],
    hideRemoveFile: true,
  },
})
