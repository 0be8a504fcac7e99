import { APIError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { CsvFileError, readProductCsv } from '../../csv/readProductCsv'

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream']

/**
 * Before an upload is processed: refuses, with a 4xx that says why, a file that is not a product CSV
 * (another type, not UTF-8, malformed quoting, unknown or missing columns, too large), so a bad file
 * never becomes an import (and never reaches Payload's image handling, whose error says nothing).
 */
export const checkUploadedCsv: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create') return args
  const file = req.file
  if (!file) throw new APIError('Choose a CSV file to import.', 400, undefined, true)
  const name = file.name.toLowerCase()
  if (!name.endsWith('.csv') && !name.endsWith('.txt') && !CSV_TYPES.includes(file.mimetype)) {
    throw new APIError(`"${file.name}" is not a CSV file (${file.mimetype}). Export the sheet as "CSV UTF-8".`, 400, undefined, true)
  }
  try {
    readProductCsv(file.data)
  } catch (error) {
    if (error instanceof CsvFileError) throw new APIError(error.message, error.tooLarge ? 413 : 400, undefined, true)
    throw error
  }
  return args
}

/** Keeps the uploaded CSV's text for the job, and who uploaded it (the job saves as them). */
export const takeUploadedCsv =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  ({ data, operation, req }) => {
    if (operation !== 'create' || !req.file) return data
    const user = req.user && req.user.collection === config.slugs.users ? req.user.id : null
    return { ...data, createdBy: user, source: req.file.data.toString('utf8'), status: 'queued' }
  }
