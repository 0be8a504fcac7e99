import type { Category } from '@showroom/shared-types'

import { z } from 'astro/zod'

/** A category as the storefront uses it: its place in the tree and its breadcrumb trail. */
export type CategoryNode = Pick<Category, 'description' | 'id' | 'title'> & {
  slug: string
  parent: number | null
  breadcrumbs: Array<{ label: string; url: string }>
}

export const categoryFields = ['title', 'slug', 'description', 'parent', 'breadcrumbs'] as const

export const categoryNodeSchema: z.ZodType<CategoryNode> = z.object({
  breadcrumbs: z
    .array(z.object({ label: z.string().nullish(), url: z.string().nullish() }))
    .nullish()
    .transform((crumbs) =>
      (crumbs ?? []).flatMap((crumb) => (crumb.label && crumb.url ? [{ label: crumb.label, url: crumb.url }] : [])),
    ),
  description: z.string().nullish(),
  id: z.number(),
  // Unpopulated at depth 0 (an id); populated deeper (a document).
  parent: z
    .union([z.number(), z.object({ id: z.number() })])
    .nullish()
    .transform((parent) => (parent == null ? null : typeof parent === 'number' ? parent : parent.id)),
  slug: z.string(),
  title: z.string(),
})

export const categoryPageSchema = z.object({
  docs: z.array(categoryNodeSchema),
  hasNextPage: z.boolean(),
})

export const productCountsSchema = z.object({
  counts: z.array(z.object({ direct: z.number().int(), id: z.number(), slug: z.string(), total: z.number().int() })),
})

/** The storefront path of a category: the last breadcrumb's URL (`/c/clothing/men`), or `/c/<slug>`. */
export const categoryPath = (category: CategoryNode): string => category.breadcrumbs.at(-1)?.url ?? `/c/${category.slug}`

export type CategoryResolution =
  | { kind: 'found'; category: CategoryNode }
  | { kind: 'moved'; location: string }
  | { kind: 'not-found' }

/**
 * Which category `/c/<segments>` names. The last segment is the category's slug (slugs are unique);
 * the segments before it must be its ancestors. When only they differ (the category moved, or a link
 * is old), the answer is the canonical location to redirect to.
 */
export const resolveCategoryPath = (categories: readonly CategoryNode[], segments: readonly string[]): CategoryResolution => {
  const slug = segments.at(-1)
  const category = slug === undefined ? undefined : categories.find((candidate) => candidate.slug === slug)
  if (!category) return { kind: 'not-found' }
  const canonical = categoryPath(category)
  return canonical === `/c/${segments.join('/')}` ? { category, kind: 'found' } : { kind: 'moved', location: canonical }
}

/** The ids of `root` and every category below it, at any depth. */
export const subtreeIds = (categories: readonly CategoryNode[], root: number): number[] => {
  const children = new Map<number, number[]>()
  for (const category of categories) {
    if (category.parent === null) continue
    children.set(category.parent, [...(children.get(category.parent) ?? []), category.id])
  }
  const ids: number[] = []
  const seen = new Set<number>()
  const queue = [root]
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    // The CMS prevents cycles; this guard keeps a bad row from looping the page forever anyway.
    if (seen.has(id)) continue
    seen.add(id)
    ids.push(id)
    queue.push(...(children.get(id) ?? []))
  }
  return ids
}

/** The direct children of `parent`, sorted by title. */
export const childrenOf = (categories: readonly CategoryNode[], parent: number): CategoryNode[] =>
  categories.filter((category) => category.parent === parent).sort((a, b) => a.title.localeCompare(b.title))
