/** One Server-Sent Events message as a browser's EventSource would see it. */
export type SseMessage = { data: string; event: string; id: string | undefined }

/**
 * A plain `fetch` SSE client for tests: reads the stream and hands out its messages one by one
 * (comment lines skipped), failing when none arrives within `timeoutMs`.
 */
export const openEventStream = async (url: string, headers: Record<string, string> = {}) => {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  const next = async (timeoutMs = 15_000): Promise<SseMessage> => {
    if (!reader) throw new Error(`no body (status ${response.status})`)
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const end = buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const fields = block.split('\n').filter((line) => line !== '' && !line.startsWith(':'))
        const value = (name: string): string | undefined => fields.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
        if (value('data') === undefined) continue
        return { data: value('data') ?? '', event: value('event') ?? 'message', id: value('id') }
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no SSE message from ${url} within ${timeoutMs} ms`)
      let timer: ReturnType<typeof setTimeout> | undefined
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no SSE message from ${url} within ${timeoutMs} ms`)), left)
        }),
      ]).finally(() => clearTimeout(timer))
      if (chunk.done) throw new Error(`SSE stream ${url} ended`)
      buffer += chunk.value
    }
  }
  return { close: () => controller.abort(), next, response }
}
