import { statSync, type Stats } from 'node:fs'
import path from 'node:path'

/** Read and search permission for users who are neither the owner nor in the group (`r-x` in the last triple). */
const OTHERS_ENTER = 0o001

/**
 * The first existing folder on the way to `target` that a user who is neither its owner nor in its group
 * cannot enter (no `x` for others), or null when every existing folder lets them through. Folders not
 * made yet are not checked: they are created with the default mode later.
 *
 * Run by root, PostgreSQL runs as the `postgres` user (it refuses root), and that user must reach both the
 * binaries under `node_modules` and the data folder. A clone inside a private folder (`/root`, `mktemp -d`)
 * stops it with `EACCES` deep inside initdb; this lets the launcher say so first.
 */
export const blockedFolder = (target: string, stat: (folder: string) => Stats | undefined = statOrUndefined): null | string => {
  const absolute = path.resolve(target)
  const { root } = path.parse(absolute)
  const parts = absolute.slice(root.length).split(path.sep).filter(Boolean)
  let folder = root
  for (const part of ['', ...parts]) {
    folder = path.join(folder, part)
    const found = stat(folder)
    if (!found) return null
    if (found.isDirectory() && (found.mode & OTHERS_ENTER) === 0) return folder
  }
  return null
}

const statOrUndefined = (folder: string): Stats | undefined => {
  try {
    return statSync(folder)
  } catch {
    return undefined
  }
}
