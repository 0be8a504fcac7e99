import type { CategorySeed, OptionSeed } from './types'

/** A product line in the demo catalogue: its name and, where they differ from its range's, its options. */
export type LineSeed = { draft?: boolean; name: string; options?: OptionSeed[] }

/** A leaf of the category tree and the products filed under it. */
export type RangeSeed = CategorySeed & {
  /** Prefix of the SKUs in this range, such as `MSH` for men's shirts. */
  code: string
  /** A sentence about what the range is made of and how to care for it. */
  details: string
  /** Hue (0–359) of the range's product pictures. */
  hue: number
  lines: LineSeed[]
  /** Options every product of the range offers unless its line says otherwise. */
  options: OptionSeed[]
  parent: string
  /** Completes "The <product> is …". */
  pitch: string
  /** Whole euros, both included. */
  priceRange: [number, number]
  /** Minor units added per step along the first option's values (bigger pans cost more); 0 for none. */
  priceStep: number
}

const sizes = (values: string[]): OptionSeed => ({ name: 'Size', values })
const colours = (values: string[]): OptionSeed => ({ name: 'Colour', values })
const apparel = sizes(['S', 'M', 'L', 'XL'])

/** The two levels above the ranges. */
export const BRANCHES: CategorySeed[] = [
  { description: 'Shirts, knitwear, dresses and coats made to be worn for years.', slug: 'clothing', title: 'Clothing' },
  { description: 'Cookware, tableware, lighting and textiles for every room.', slug: 'home', title: 'Home' },
  { description: 'Bags and jewellery to finish an outfit.', slug: 'accessories', title: 'Accessories' },
  { description: 'Menswear essentials.', parent: 'clothing', slug: 'men', title: 'Men' },
  { description: 'Womenswear essentials.', parent: 'clothing', slug: 'women', title: 'Women' },
  { description: 'Everything for cooking and serving.', parent: 'home', slug: 'kitchen', title: 'Kitchen' },
  { description: 'Light and comfort for living rooms and bedrooms.', parent: 'home', slug: 'living', title: 'Living' },
  { description: 'Backpacks and totes for every day.', parent: 'accessories', slug: 'bags', title: 'Bags' },
  { description: 'Small pieces in recycled silver and gold.', parent: 'accessories', slug: 'jewellery', title: 'Jewellery' },
]

/** The third level: where products are filed. */
export const RANGES: RangeSeed[] = [
  {
    code: 'MSH',
    description: 'Oxford, linen and flannel shirts.',
    details: 'Woven from long-staple cotton and finished with mother-of-pearl buttons. Machine wash at 30 °C.',
    hue: 210,
    lines: [
      { name: 'Oxford Shirt', options: [apparel, colours(['White', 'Blue', 'Pink'])] },
      { name: 'Linen Shirt', options: [apparel, colours(['Natural', 'Sage'])] },
      { name: 'Flannel Overshirt' },
      { name: 'Chambray Shirt' },
      { name: 'Poplin Shirt', options: [apparel, colours(['White', 'Navy'])] },
      { name: 'Denim Work Shirt' },
    ],
    options: [apparel],
    parent: 'men',
    pitch: 'a wardrobe staple with a relaxed fit and a soft collar.',
    priceRange: [49, 89],
    priceStep: 0,
    slug: 'men-shirts',
    title: 'Shirts',
  },
  {
    code: 'MKN',
    description: 'Merino, lambswool and cashmere sweaters.',
    details: 'Knitted in Scotland from traceable wool. Hand wash cold and dry flat.',
    hue: 30,
    lines: [
      { name: 'Merino Crew Sweater', options: [apparel, colours(['Charcoal', 'Oatmeal', 'Navy'])] },
      { name: 'Lambswool Cardigan' },
      { name: 'Cable-Knit Jumper' },
      { name: 'Cotton Quarter-Zip' },
      { name: 'Cashmere V-Neck', options: [apparel, colours(['Camel', 'Grey'])] },
      { name: 'Alpaca Roll-Neck' },
    ],
    options: [apparel],
    parent: 'men',
    pitch: 'warm without bulk, and soft enough to wear next to the skin.',
    priceRange: [69, 189],
    priceStep: 0,
    slug: 'men-knitwear',
    title: 'Knitwear',
  },
  {
    code: 'MOW',
    description: 'Jackets and coats for wind and rain.',
    details: 'Seams are taped and the zips are by YKK. Re-proof the finish once a season.',
    hue: 150,
    lines: [
      { name: 'Waxed Field Jacket' },
      { name: 'Quilted Liner Vest' },
      { name: 'Wool Overcoat' },
      { name: 'Packable Rain Shell', options: [apparel, colours(['Olive', 'Black'])] },
      { name: 'Harrington Jacket' },
      { draft: true, name: 'Down Parka' },
    ],
    options: [apparel],
    parent: 'men',
    pitch: 'built for changeable weather and cut to layer over knitwear.',
    priceRange: [129, 349],
    priceStep: 0,
    slug: 'men-outerwear',
    title: 'Outerwear',
  },
  {
    code: 'WDR',
    description: 'Wrap, midi and shirt dresses.',
    details: 'Made in Portugal from certified organic cotton and linen. Wash at 30 °C, line dry.',
    hue: 330,
    lines: [
      { name: 'Wrap Dress', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Rust', 'Ink'])] },
      { name: 'Linen Midi Dress' },
      { name: 'Shirt Dress' },
      { name: 'Ribbed Knit Dress' },
      { name: 'Satin Slip Dress', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Champagne', 'Black'])] },
      { draft: true, name: 'Tiered Maxi Dress' },
    ],
    options: [sizes(['XS', 'S', 'M', 'L'])],
    parent: 'women',
    pitch: 'easy to dress up or down, with pockets deep enough for a phone.',
    priceRange: [79, 169],
    priceStep: 0,
    slug: 'women-dresses',
    title: 'Dresses',
  },
  {
    code: 'WTP',
    description: 'Blouses, tees and cardigans.',
    details: 'Cut from fabrics that keep their shape wash after wash. Machine wash at 30 °C.',
    hue: 280,
    lines: [
      { name: 'Silk Blouse', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Ivory', 'Forest'])] },
      { name: 'Breton Top' },
      { name: 'Ribbed Tank' },
      { name: 'Poplin Blouse' },
      { name: 'Cropped Cardigan' },
      { name: 'Linen Camp Shirt' },
    ],
    options: [sizes(['XS', 'S', 'M', 'L'])],
    parent: 'women',
    pitch: 'a light layer that works on its own or under a jacket.',
    priceRange: [29, 119],
    priceStep: 0,
    slug: 'women-tops',
    title: 'Tops',
  },
  {
    code: 'KCW',
    description: 'Pans, pots and woks that last a lifetime.',
    details: 'Works on gas, electric and induction hobs and in the oven up to 260 °C.',
    hue: 15,
    lines: [
      { name: 'Cast-Iron Skillet' },
      { name: 'Carbon Steel Wok', options: [sizes(['30 cm', '36 cm'])] },
      { name: 'Enamel Dutch Oven', options: [{ name: 'Capacity', values: ['3.5 l', '5 l', '6.5 l'] }] },
      { name: 'Copper Saucepan', options: [sizes(['16 cm', '18 cm'])] },
      { name: 'Stainless Stockpot', options: [{ name: 'Capacity', values: ['6 l', '9 l'] }] },
      { name: 'Ceramic Frying Pan' },
    ],
    options: [sizes(['20 cm', '24 cm', '28 cm'])],
    parent: 'kitchen',
    pitch: 'heavy enough to hold heat evenly and simple enough to hand down.',
    priceRange: [39, 219],
    priceStep: 1500,
    slug: 'cookware',
    title: 'Cookware',
  },
  {
    code: 'KTW',
    description: 'Plates, bowls, mugs and glasses.',
    details: 'Dishwasher and microwave safe. Each piece is glazed by hand, so no two are quite alike.',
    hue: 190,
    lines: [
      { name: 'Stoneware Dinner Plate' },
      { name: 'Porcelain Mug' },
      { name: 'Linen Napkins, Set of 4', options: [colours(['Natural', 'Indigo', 'Terracotta'])] },
      { name: 'Glass Tumblers, Set of 6', options: [] },
      { name: 'Serving Bowl' },
      { name: 'Espresso Cups, Set of 2' },
    ],
    options: [colours(['Chalk', 'Slate', 'Moss'])],
    parent: 'kitchen',
    pitch: 'made for everyday meals and handsome enough for guests.',
    priceRange: [12, 69],
    priceStep: 0,
    slug: 'tableware',
    title: 'Tableware',
  },
  {
    code: 'LLT',
    description: 'Table lamps, pendants and floor lamps.',
    details: 'Takes an E27 bulb up to 40 W (LED recommended). Comes with a 2 m braided cable.',
    hue: 45,
    lines: [
      { name: 'Ceramic Table Lamp' },
      { name: 'Rattan Pendant' },
      { name: 'Brass Floor Lamp' },
      { name: 'Pleated Lampshade', options: [colours(['Ivory', 'Ochre'])] },
      { name: 'Opal Glass Wall Light' },
      { draft: true, name: 'Rechargeable Table Lamp' },
    ],
    options: [{ name: 'Finish', values: ['Black', 'Brass'] }],
    parent: 'living',
    pitch: 'a warm, glare-free light for reading corners and dinner tables.',
    priceRange: [59, 249],
    priceStep: 0,
    slug: 'lighting',
    title: 'Lighting',
  },
  {
    code: 'LTX',
    description: 'Throws, cushions, rugs and towels.',
    details: 'Woven from natural fibres and dyed without azo dyes. Wash at 40 °C.',
    hue: 100,
    lines: [
      { name: 'Wool Throw' },
      { name: 'Linen Cushion Cover' },
      { name: 'Flatweave Cotton Rug', options: [sizes(['120 × 180 cm', '160 × 230 cm'])] },
      { name: 'Velvet Cushion' },
      { name: 'Waffle Bath Towel' },
      { name: 'Merino Blanket' },
    ],
    options: [colours(['Oat', 'Rust', 'Sea'])],
    parent: 'living',
    pitch: 'soft, generous and made to get softer with every wash.',
    priceRange: [25, 229],
    priceStep: 0,
    slug: 'textiles',
    title: 'Textiles',
  },
  {
    code: 'ABP',
    description: 'Backpacks for commuting and weekends.',
    details: 'Water-resistant waxed canvas with a padded sleeve for a 15-inch laptop.',
    hue: 170,
    lines: [
      { name: 'Canvas Rucksack' },
      { name: 'Roll-Top Backpack' },
      { name: 'Leather Daypack', options: [colours(['Tan', 'Dark Brown'])] },
      { name: 'Laptop Backpack' },
      { name: 'Mini Backpack' },
    ],
    options: [colours(['Olive', 'Navy', 'Black'])],
    parent: 'bags',
    pitch: 'light on the shoulders, with a place for everything.',
    priceRange: [69, 229],
    priceStep: 0,
    slug: 'backpacks',
    title: 'Backpacks',
  },
  {
    code: 'ATT',
    description: 'Totes and shoppers.',
    details: 'Heavyweight organic canvas with leather handles that age beautifully.',
    hue: 60,
    lines: [
      { name: 'Canvas Tote' },
      { name: 'Leather Shopper', options: [colours(['Tan', 'Black'])] },
      { name: 'Market Basket' },
      { name: 'Zip-Top Tote' },
    ],
    options: [],
    parent: 'bags',
    pitch: 'roomy enough for the weekly shop and smart enough for the office.',
    priceRange: [29, 189],
    priceStep: 0,
    slug: 'totes',
    title: 'Totes',
  },
  {
    code: 'AJW',
    description: 'Earrings, rings, necklaces and bracelets.',
    details: 'Recycled sterling silver, or silver plated with 18-carat gold. Comes in a gift box.',
    hue: 260,
    lines: [
      { name: 'Hoop Earrings' },
      { name: 'Signet Ring', options: [{ name: 'Metal', values: ['Silver', 'Gold'] }, sizes(['50', '52', '54', '56'])] },
      { name: 'Chain Necklace' },
      { name: 'Cuff Bracelet' },
      { name: 'Pearl Studs', options: [] },
      { draft: true, name: 'Charm Anklet' },
    ],
    options: [{ name: 'Metal', values: ['Silver', 'Gold'] }],
    parent: 'jewellery',
    pitch: 'a small piece to wear every day and never take off.',
    priceRange: [39, 149],
    priceStep: 2000,
    slug: 'jewellery-pieces',
    title: 'Everyday Pieces',
  },
]

/** The whole tree, parents before children: three levels, with products on the third. */
export const categorySeeds = (): CategorySeed[] => [
  ...BRANCHES,
  ...RANGES.map(({ description, parent, slug, title }) => ({ description, parent, slug, title })),
]
