import { createServer, connect, type Socket } from 'node:net'

/**
 * A TCP proxy between the storefront and the CMS that a test can take down, slow down and listen in
 * on: the storefront's CMS_URL points here, the CMS itself keeps running for the test's own calls.
 */
export const startCmsProxy = async () => {
  let target: { host: string; port: number } | undefined
  let up = true
  let delayMs = 0
  /** What the storefront sent to the CMS (request lines and headers included), latest last. */
  let sent = ''
  /** Connections accepted so far: a new one means the storefront is waiting on the CMS. */
  let accepted = 0
  const sockets = new Set<Socket>()

  const server = createServer((client) => {
    accepted += 1
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    if (!up || !target) return void client.destroy()
    const { host, port } = target
    client.pause()
    setTimeout(() => {
      const upstream = connect(port, host)
      sockets.add(upstream)
      upstream.on('close', () => {
        sockets.delete(upstream)
        client.destroy()
      })
      upstream.on('error', () => client.destroy())
      client.on('close', () => upstream.destroy())
      client.on('data', (chunk: Buffer) => {
        sent = (sent + chunk.toString('latin1')).slice(-200_000)
      })
      client.pipe(upstream).pipe(client)
      client.resume()
    }, delayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port')

  /** Cuts every open connection, so the next CMS call opens a new one under the new rules. */
  const cut = (): void => {
    for (const socket of sockets) socket.destroy()
  }

  return {
    /** Accepts and forwards connections again (after `down`). */
    up: () => void (up = true),
    /** Refuses connections, like a CMS that is down; open ones are cut. */
    down: () => {
      up = false
      cut()
    },
    /** Holds every new connection `ms` before forwarding it (a slow CMS). */
    delay: (ms: number) => {
      delayMs = ms
      cut()
    },
    sent: () => sent,
    /** How many connections the storefront has opened to the CMS through the proxy. */
    connections: () => accepted,
    setTarget: (origin: string) => {
      const url = new URL(origin)
      target = { host: url.hostname, port: Number(url.port) }
    },
    stop: async () => {
      cut()
      await new Promise((resolve) => server.close(resolve))
    },
    url: `http://127.0.0.1:${address.port}`,
  }
}
