'use client'

import { useConfig, useListQuery } from '@payloadcms/ui'

export type CsvListActionsProps = {
  /** The collection's CSV export endpoint, below the collection's API path (`/export`). */
  exportPath: string
  /** The imports collection, to offer "Import CSV" (products only). */
  importCollection?: string
}

/**
 * Above a collection's list in the admin: download the collection as CSV (the endpoint streams it;
 * the browser's session cookie signs the request) and, for products, start an import.
 */
export const CsvListActions = ({ exportPath, importCollection }: CsvListActionsProps) => {
  const { config } = useConfig()
  const { collectionSlug } = useListQuery()
  const api = `${config.serverURL}${config.routes.api}`
  return (
    <div style={{ display: 'flex', gap: 'var(--base)', marginBottom: 'var(--base)' }}>
      <a className="btn btn--style-secondary btn--size-small" download href={`${api}/${collectionSlug}${exportPath}`}>
        Export CSV
      </a>
      {importCollection ? (
        <a className="btn btn--style-secondary btn--size-small" href={`${config.routes.admin}/collections/${importCollection}/create`}>
          Import CSV
        </a>
      ) : null}
    </div>
  )
}
