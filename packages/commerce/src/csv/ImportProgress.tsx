'use client'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

type Progress = {
  created?: null | number
  errorRows?: null | number
  failed?: null | number
  message?: null | string
  processed?: null | number
  status?: null | string
  total?: null | number
  updated?: null | number
}

const POLL_MS = 1000

/**
 * On an import in the admin: its progress (products processed of the total), polled every second
 * while the job runs, then its counts and a link to the errors file when rows were not imported.
 */
export const ImportProgress = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { config } = useConfig()
  const [progress, setProgress] = useState<null | Progress>(null)
  const base = `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`

  useEffect(() => {
    if (id === undefined || id === null) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const response = await fetch(`${base}?depth=0`, { credentials: 'include' })
        if (response.ok) {
          const doc = (await response.json()) as Progress
          if (!stopped) setProgress(doc)
          if (doc.status === 'done' || doc.status === 'failed') return
        }
      } catch {
        // A failed poll (the server restarting) is retried by the next one.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [base, id])

  if (id === undefined || id === null) return <p>Choose a product CSV below and save: the import starts at once and shows its progress here.</p>
  if (!progress) return <p>Loading the import…</p>
  const total = progress.total ?? 0
  const processed = progress.processed ?? 0
  return (
    <section aria-label="Import progress" data-testid="import-progress" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <p>
        <strong data-testid="import-status">{progress.status === 'done' ? 'Finished' : progress.status === 'failed' ? 'Failed' : progress.status === 'running' ? 'Importing…' : 'Waiting to start…'}</strong>{' '}
        {total > 0 ? `${processed} of ${total} products` : null}
      </p>
      <progress aria-label="Products processed" max={Math.max(total, 1)} style={{ width: '100%' }} value={processed} />
      {progress.status === 'done' ? (
        <p data-testid="import-counts">
          {progress.created ?? 0} created, {progress.updated ?? 0} updated, {progress.failed ?? 0} not imported
        </p>
      ) : null}
      {progress.status === 'failed' && progress.message ? <p role="alert">{progress.message}</p> : null}
      {(progress.errorRows ?? 0) > 0 ? (
        <p>
          <a download href={`${base}/errors`}>
            Download the errors file
          </a>{' '}
          ({progress.errorRows} {progress.errorRows === 1 ? 'row' : 'rows'}: each failed row with the column and the reason; fix them and import the file again)
        </p>
      ) : null}
    </section>
  )
}
