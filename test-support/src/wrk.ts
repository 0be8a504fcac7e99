import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

export type WrkResult = { errors: number; non2xx: number; p50: number; p99: number; requests: number; rps: number }

const run = promisify(execFile)

/** `1.23ms`, `850.00us`, `1.02s` → milliseconds. */
const toMs = (value: string): number => {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value)
  if (!match) throw new Error(`wrk printed a latency it cannot read: ${value}`)
  const factor = { m: 60_000, ms: 1, s: 1000, us: 0.001 }[match[2] as 'm' | 'ms' | 's' | 'us']
  return Number(match[1]) * factor
}

const readWrk = (output: string): WrkResult => {
  const latency = (percent: string): number => {
    const match = new RegExp(`^\\s+${percent}%\\s+(\\S+)`, 'm').exec(output)
    if (!match?.[1]) throw new Error(`wrk printed no ${percent}th percentile:\n${output}`)
    return toMs(match[1])
  }
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  return {
    errors: socketErrors ? socketErrors.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    p50: latency('50'),
    p99: latency('99'),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
  }
}

/**
 * Drives `origin` with wrk (one thread, in its own process) for `seconds` at `connections`,
 * requesting `paths` in turn (a Lua script rotates them, so every request can be a distinct URL).
 */
export const runWrk = async ({ connections, origin, paths, seconds }: { connections: number; origin: string; paths: string[]; seconds: number }): Promise<WrkResult> => {
  if (paths.length === 0) throw new Error('runWrk needs at least one path')
  const dir = mkdtempSync(path.join(tmpdir(), 'showroom-wrk-'))
  try {
    const script = path.join(dir, 'rotate.lua')
    writeFileSync(
      script,
      `local paths = {${paths.map((item) => JSON.stringify(item)).join(',\n')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`,
    )
    const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', script, origin], { maxBuffer: 1 << 20 })
    return readWrk(stdout)
  } finally {
    rmSync(dir, { force: true, recursive: true })
  }
}

/** A markdown table of wrk results, one row per label. */
export const wrkTable = (rows: Array<{ label: string } & WrkResult>, ceiling?: number): string =>
  [
    `| what | req/s | p50 ms | p99 ms | failed |${ceiling ? ' × raw |' : ''}`,
    `| --- | ---: | ---: | ---: | ---: |${ceiling ? ' ---: |' : ''}`,
    ...rows.map(
      (row) =>
        `| ${row.label} | ${Math.round(row.rps).toLocaleString('en')} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.non2xx + row.errors} |${ceiling ? ` ${(row.rps / ceiling).toFixed(3)} |` : ''}`,
    ),
  ].join('\n')
