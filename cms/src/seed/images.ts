import path from 'node:path'

import type { Payload } from 'payload'

import { escapeUTF8 } from 'entities'
import sharp from 'sharp'

import type { ImageSeed, SeedLog } from './types'

import { forEachWithConcurrency } from '@showroom/payload-commerce/utilities'
import { createProgress } from './progress'

/** 4:5 like the `card` size, and larger than it, so Payload makes every size without enlarging. */
const WIDTH = 800
const HEIGHT = 1000

const hsl = (hue: number, saturation: number, lightness: number): string =>
  `hsl(${Math.round(hue) % 360}, ${saturation}%, ${lightness}%)`

/** The subject of the picture: a soft silhouette for front views, a woven pattern for close-ups. */
const subject = (image: ImageSeed): string =>
  image.view === 'front'
    ? `<ellipse cx="400" cy="770" rx="230" ry="28" fill="#000" fill-opacity="0.12"/>
       <rect x="190" y="230" width="420" height="520" rx="48" fill="#fff" fill-opacity="0.32"/>
       <circle cx="400" cy="420" r="120" fill="#fff" fill-opacity="0.45"/>`
    : `<pattern id="weave" width="48" height="48" patternUnits="userSpaceOnUse" patternTransform="rotate(35)">
         <rect width="24" height="48" fill="#fff" fill-opacity="0.18"/>
       </pattern>
       <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#weave)"/>
       <circle cx="400" cy="470" r="230" fill="#fff" fill-opacity="0.25"/>`

/** An SVG drawing of the product (gradient, silhouette, name), rendered to PNG in memory. */
export const renderImage = (image: ImageSeed): Promise<Buffer> => {
  const label = escapeUTF8(image.label)
  // Shrink long names so they fit the width: DejaVu Sans Bold is about 0.62 em per character.
  const fontSize = Math.min(64, Math.floor((WIDTH - 96) / (image.label.length * 0.62)))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
    <defs>
      <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="${hsl(image.hue, 55, 80)}"/>
        <stop offset="1" stop-color="${hsl(image.hue + 35, 45, 48)}"/>
      </linearGradient>
    </defs>
    <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>
    ${subject(image)}
    <text x="400" y="96" font-family="DejaVu Sans, sans-serif" font-size="26" letter-spacing="8" fill="#fff" fill-opacity="0.8" text-anchor="middle">SHOWROOM</text>
    <text x="400" y="890" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" font-weight="700" fill="#fff" text-anchor="middle">${label}</text>
  </svg>`
  // Fast, light compression: Payload decodes it straight away to make its WebP sizes.
  return sharp(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer()
}

export type EnsureImagesResult = {
  created: number
  existing: number
  /** Media id by image key. */
  ids: Map<string, number>
}

/**
 * Makes sure every image exists in the media collection, by key: a stored file named `<key>.*`
 * is reused, a missing one is drawn and uploaded. Pictures are drawn one at a time per worker,
 * so memory stays flat however many there are.
 */
export const ensureImages = async (
  payload: Payload,
  images: readonly ImageSeed[],
  { concurrency, log }: { concurrency: number; log: SeedLog },
): Promise<EnsureImagesResult> => {
  const stored = await payload.find({
    collection: 'media',
    depth: 0,
    pagination: false,
    select: { filename: true },
    // Seed files all start with "seed-"; the exact match happens below, on the name without extension.
    where: { filename: { like: 'seed-' } },
  })
  const ids = new Map<string, number>()
  for (const doc of stored.docs) {
    if (doc.filename) ids.set(path.parse(doc.filename).name, doc.id)
  }
  const missing = [...new Map(images.map((image) => [image.key, image])).values()].filter((image) => !ids.has(image.key))
  const existing = new Set(images.map((image) => image.key)).size - missing.length
  const progress = createProgress({ every: 20, label: 'images', log, total: missing.length })

  await forEachWithConcurrency(missing, concurrency, async (image) => {
    try {
      const data = await renderImage(image)
      const doc = await payload.create({
        collection: 'media',
        data: { alt: image.alt },
        depth: 0,
        file: { data, mimetype: 'image/png', name: `${image.key}.png`, size: data.length },
        // A file left on disk by an earlier, since-reset database would otherwise get a "-1" suffix.
        overwriteExistingFiles: true,
        select: { filename: true },
      })
      ids.set(image.key, doc.id)
      progress.tick()
    } catch (error) {
      throw new Error(`Could not create the image "${image.key}"`, { cause: error })
    }
  })
  return { created: missing.length, existing, ids }
}
