/**
 * A real nginx (the Debian package) running the project's own `deploy/nginx.conf` on local ports: the
 * file is read and rewritten, never replaced by a hand-written one. Its `listen` ports and the servers
 * of its `upstream` blocks are swapped for local addresses, its log paths moved into a folder of the
 * run's own, and it is included in the `http` block of a small main configuration, as the nginx image
 * of docker-compose includes it from `conf.d`. The server runs in the foreground as a child process with
 * its own prefix, pid file and temporary folders, so several runs never share anything.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type RunningProcess, startProcess } from './childProcess'

export type NginxTopology = {
  /** Each `listen <port>;` of the file → the local port to listen on instead (on 127.0.0.1). */
  listen: Record<number, number>
  /** Each `upstream <name>` of the file → the `host:port` of its servers here, in place of its own. */
  upstreams: Record<string, string[]>
}

/** One line of an access log written with a JSON `log_format` (the project's `showroom`). */
export type NginxLogLine = Record<string, number | string>

export type RunningNginx = {
  /** The configuration as adapted, for a failure message. */
  config: string
  /** Every access-log line written so far, from each file the configuration logs to. */
  log: () => NginxLogLine[]
  /** Everything nginx printed (its error log goes to stderr). */
  output: () => string
  /** Stops nginx (SIGQUIT: graceful) and removes its folder. */
  stop: () => Promise<void>
}

const replaceAll = (text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string => {
  let result = ''
  let last = 0
  for (const match of text.matchAll(pattern)) {
    result += text.slice(last, match.index) + replace(match as RegExpExecArray)
    last = match.index + match[0].length
  }
  return result + text.slice(last)
}

/**
 * `config` (an `http`-level include) with its listeners and upstream servers moved to `topology`, and
 * every `access_log` into `logDir`. Throws when the file and `topology` disagree (a listener or an
 * upstream that one names and the other does not), so a change to the file cannot silently go untested.
 */
export const adaptNginxConfig = (config: string, topology: NginxTopology, logDir: string): { config: string; logFiles: string[] } => {
  const seenListen = new Set<number>()
  const seenUpstreams = new Set<string>()
  let adapted = replaceAll(config, /\blisten\s+(\d+)\s*;/g, ([, port = '']) => {
    const local = topology.listen[Number(port)]
    if (local === undefined) throw new Error(`nginx.conf listens on ${port}, which the test does not map`)
    seenListen.add(Number(port))
    return `listen 127.0.0.1:${local};`
  })
  adapted = replaceAll(adapted, /\bupstream\s+([\w-]+)\s*\{([^}]*)\}/g, ([, name = '', body = '']) => {
    const servers = topology.upstreams[name]
    if (!servers) throw new Error(`nginx.conf has an upstream ${name}, which the test does not map`)
    seenUpstreams.add(name)
    const [first, ...more] = [...body.matchAll(/^[ \t]*server\s+\S+([^;]*);[^\n]*\n/gm)]
    if (!first || more.length > 0) throw new Error(`upstream ${name} in nginx.conf should name one server (a service name), not ${more.length + (first ? 1 : 0)}`)
    const parameters = first[1] ?? ''
    const lines = servers.map((server) => `  server ${server}${parameters};\n`).join('')
    return `upstream ${name} {${body.replace(first[0], lines)}}`
  })
  for (const port of Object.keys(topology.listen).map(Number)) {
    if (!seenListen.has(port)) throw new Error(`nginx.conf has no "listen ${port};"`)
  }
  for (const name of Object.keys(topology.upstreams)) {
    if (!seenUpstreams.has(name)) throw new Error(`nginx.conf has no upstream ${name}`)
  }
  const logFiles = new Set<string>()
  adapted = replaceAll(adapted, /\baccess_log\s+(\/\S+)/g, ([, file = '']) => {
    const local = path.join(logDir, path.basename(file))
    logFiles.add(local)
    return `access_log ${local}`
  })
  return { config: adapted, logFiles: [...logFiles] }
}

const readLog = (file: string): NginxLogLine[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as NginxLogLine)
    : []

/** Starts nginx on the adapted `configFile`; resolves once its worker runs. */
export const startNginx = async (configFile: string, topology: NginxTopology): Promise<RunningNginx> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'showroom-nginx-'))
  // Run as root, nginx's worker is `nobody`: it must reach its temporary folders in here.
  chmodSync(dir, 0o755)
  const { config, logFiles } = adaptNginxConfig(readFileSync(configFile, 'utf8'), topology, dir)
  const site = path.join(dir, 'default.conf')
  writeFileSync(site, config)
  const main = path.join(dir, 'nginx.conf')
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`).join('\n')
  writeFileSync(
    main,
    `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log stderr notice;
events { worker_connections 1024; }
http {
${temp}
  # Only the site's own access logs (moved into this folder).
  access_log off;
  include ${site};
}
`,
  )
  let running: RunningProcess
  try {
    running = await startProcess({
      args: ['-p', dir, '-c', main, '-e', 'stderr'],
      command: process.env.NGINX_PATH ?? '/usr/sbin/nginx',
      cwd: dir,
      env: process.env,
      readyLine: /start worker process/,
      timeoutMs: 10_000,
    })
  } catch (error) {
    rmSync(dir, { force: true, recursive: true })
    throw new Error(`nginx did not start on the adapted deploy/nginx.conf:\n${config}`, { cause: error })
  }
  return {
    config,
    log: () => logFiles.flatMap(readLog),
    output: () => running.output(),
    stop: async () => {
      await running.stop('SIGQUIT')
      rmSync(dir, { force: true, recursive: true })
    },
  }
}
