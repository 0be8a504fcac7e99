import { describe, expect, it } from 'vitest'

import { type CategoryNode, categoryNodeSchema, childrenOf, resolveCategoryPath, subtreeIds } from './category'

const node = (id: number, slug: string, parent: number | null, path: string[]): CategoryNode => ({
  breadcrumbs: path.map((_, index) => ({ label: path[index] ?? '', url: `/c/${path.slice(0, index + 1).join('/')}` })),
  description: null,
  id,
  parent,
  slug,
  title: slug,
})

const tree = [
  node(1, 'clothing', null, ['clothing']),
  node(2, 'men', 1, ['clothing', 'men']),
  node(3, 'shirts', 2, ['clothing', 'men', 'shirts']),
  node(4, 'women', 1, ['clothing', 'women']),
  node(5, 'home', null, ['home']),
]

describe('resolveCategoryPath', () => {
  it('finds a category by its full path at any depth', () => {
    expect(resolveCategoryPath(tree, ['clothing', 'men', 'shirts'])).toMatchObject({ category: { id: 3 }, kind: 'found' })
    expect(resolveCategoryPath(tree, ['home'])).toMatchObject({ category: { id: 5 }, kind: 'found' })
  })

  it('points to the canonical path when only the ancestors differ', () => {
    expect(resolveCategoryPath(tree, ['shirts'])).toEqual({ kind: 'moved', location: '/c/clothing/men/shirts' })
    expect(resolveCategoryPath(tree, ['home', 'men', 'shirts'])).toEqual({ kind: 'moved', location: '/c/clothing/men/shirts' })
  })

  it('knows nothing of unknown slugs', () => {
    expect(resolveCategoryPath(tree, ['clothing', 'hats'])).toEqual({ kind: 'not-found' })
    expect(resolveCategoryPath(tree, [])).toEqual({ kind: 'not-found' })
  })
})

describe('the tree', () => {
  it('collects a category and all its descendants', () => {
    expect(subtreeIds(tree, 1).sort()).toEqual([1, 2, 3, 4])
    expect(subtreeIds(tree, 3)).toEqual([3])
  })

  it('lists direct children by title', () => {
    expect(childrenOf(tree, 1).map((category) => category.slug)).toEqual(['men', 'women'])
  })
})

describe('categoryNodeSchema', () => {
  it('keeps only complete breadcrumbs and reduces a populated parent to its id', () => {
    const parsed = categoryNodeSchema.parse({
      breadcrumbs: [{ doc: 1, label: 'Clothing', url: '/c/clothing' }, { doc: 2, label: null, url: null }],
      id: 2,
      parent: { id: 1, title: 'Clothing' },
      slug: 'men',
      title: 'Men',
    })
    expect(parsed).toMatchObject({ breadcrumbs: [{ label: 'Clothing', url: '/c/clothing' }], parent: 1 })
  })
})
