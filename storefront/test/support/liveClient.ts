import { EventSourceParserStream } from 'eventsource-parser/stream'

/** One Server-Sent Events message as a browser's EventSource would see it. */
export type SseMessage = { data: string; event: string; id: string | undefined }

/**
 * A plain `fetch` SSE client for tests: reads the stream (parsed by `eventsource-parser`, as a
 * browser's EventSource would) and hands out its messages one by one, failing when none arrives
 * within `timeoutMs`.
 */
export const openEventStream = async (url: string, headers: Record<string, string> = {}) => {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const reader = response.body?.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader()
  const next = async (timeoutMs = 15_000): Promise<SseMessage> => {
    if (!reader) throw new Error(`no body (status ${response.status})`)
    let timer: ReturnType<typeof setTimeout> | undefined
    const message = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no SSE message from ${url} within ${timeoutMs} ms`)), timeoutMs)
      }),
    ]).finally(() => clearTimeout(timer))
    if (message.done) throw new Error(`SSE stream ${url} ended`)
    return { data: message.value.data, event: message.value.event ?? 'message', id: message.value.id }
  }
  return { close: () => controller.abort(), next, response }
}
