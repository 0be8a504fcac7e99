import { spawn } from 'node:child_process'

/** What `promtool check metrics` said about an exposition: its exit code and everything it printed. */
export type PromtoolVerdict = { code: number | null; output: string }

/**
 * Pipes a Prometheus text exposition into `promtool check metrics` (Debian package `prometheus`;
 * `PROMTOOL_PATH` overrides the binary), which parses it and lints the names, types and help texts.
 * A clean exposition gives `{ code: 0, output: '' }`. Rejects when promtool cannot be run at all.
 */
export const checkMetrics = (exposition: string): Promise<PromtoolVerdict> =>
  new Promise((resolve, reject) => {
    const command = process.env.PROMTOOL_PATH ?? 'promtool'
    const child = spawn(command, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('error', (error) => reject(new Error(`${command} could not be run (apt-get install prometheus)`, { cause: error })))
    child.once('close', (code) => resolve({ code, output }))
    // promtool exiting before it read everything (EPIPE) is reported by its exit code and output.
    child.stdin.once('error', (error) => collect(Buffer.from(`(writing to promtool: ${error.message})\n`)))
    child.stdin.end(exposition)
  })
