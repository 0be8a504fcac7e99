import { readdirSync, readFileSync } from 'node:fs'

/** The process `pid` and every descendant (a `tsx` launcher's server is its child). */
const treeOf = (pid: number): number[] => {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      .split(' ')
      .filter((text) => text.trim() !== '')
      .map(Number),
  )
  return [pid, ...children.flatMap(treeOf)]
}

/** `VmHWM` (peak resident set) of one process, in MiB. */
const peakOf = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)
  return line ? Number(line[1]) / 1024 : 0
}

/**
 * Peak RSS so far (Linux `VmHWM`, MiB) of the largest process in `pid`'s tree: the server itself,
 * whether it runs directly or under a launcher.
 */
export const peakRssMiB = (pid: number): number => Math.max(...treeOf(pid).map(peakOf))
