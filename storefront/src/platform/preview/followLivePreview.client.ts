/**
 * Live Preview on a preview page (docs/preview.md): speaks Payload's protocol (`@payloadcms/live-preview`)
 * with the admin that frames the page. Each change in the admin's form arrives as a message; its data is
 * posted to this same URL (token included), where the server renders the page's region with the same
 * components from it, and the region is swapped in. Opened as a plain link (no admin around it), it does
 * nothing: the page shows the saved draft.
 */
import { ready, subscribe } from '@payloadcms/live-preview'

/** What one edit gave: the region's HTML (200), or the reason it cannot be shown (text). */
type Rendered = { body: string; id: number; sequence: number; status: number }

export const followLivePreview = (): void => {
  const region = document.querySelector<HTMLElement>('[data-preview-region]')
  const admin = region?.dataset.previewAdmin
  const id = Number(region?.dataset.previewId)
  const status = document.querySelector<HTMLElement>('[data-preview-status]')
  // Neither in the admin's frame nor in the window it opened: a Preview link, nothing to follow.
  if (!region || !admin || !Number.isInteger(id) || (window.parent === window && !window.opener)) return
  let latest = 0
  let inFlight: Promise<void> | undefined
  subscribe<Rendered>({
    callback: (rendered) => {
      // Answers can overtake each other: only the newest edit's page is shown.
      if (rendered.sequence !== latest) return
      if (rendered.status !== 200) {
        if (status) status.textContent = rendered.body || 'This change cannot be shown yet.'
        return
      }
      const next = new DOMParser().parseFromString(rendered.body, 'text/html').querySelector('[data-preview-region]')
      if (!next) return
      region.replaceChildren(...next.childNodes)
      if (status) status.textContent = ''
    },
    depth: 1,
    initialData: { body: '', id, sequence: 0, status: 200 },
    // Instead of asking the CMS from the browser (with the editor's cookie), the page's own server asks
    // it with the preview token and renders the result.
    requestHandler: async ({ data }) => {
      latest += 1
      const sequence = latest
      // One request at a time: edits made meanwhile wait, and only the newest of them is sent.
      await inFlight
      if (sequence !== latest) return Response.json({ body: '', id, sequence, status: 0 })
      const sent = fetch(window.location.href, {
        body: JSON.stringify({ data: data.data }),
        headers: { accept: 'text/html', 'content-type': 'application/json' },
        method: 'POST',
      })
      inFlight = sent.then(
        () => undefined,
        () => undefined,
      )
      try {
        const response = await sent
        return Response.json({ body: await response.text(), id, sequence, status: response.status })
      } catch {
        // Offline or the shop restarting: say so; the next edit tries again.
        return Response.json({ body: 'The shop did not answer; the preview follows again on your next change.', id, sequence, status: 503 })
      }
    },
    serverURL: admin,
  })
  ready({ serverURL: admin })
}
