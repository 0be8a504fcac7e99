import type { CategorySeed, CategoryTexts, OptionSeed } from './types'

/** A product line in the demo catalogue: its name and, where they differ from its range's, its options. */
export type LineSeed = {
  /** The German name. */
  de: string
  draft?: boolean
  name: string
  options?: OptionSeed[]
}

/**
 * A leaf of the category tree and the products filed under it. The German texts sit next to the
 * English ones (`de`), so a new range or line cannot be added without them.
 */
export type RangeSeed = Omit<CategorySeed, 'de'> & {
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
  /** The German texts; `pitch` completes "<Produkt> – …" and `details` is the German `details`. */
  de: CategoryTexts & { details: string; pitch: string }
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
  {
    de: { description: 'Hemden, Strick, Kleider und Mäntel, gemacht, um sie jahrelang zu tragen.', slug: 'kleidung', title: 'Kleidung' },
    description: 'Shirts, knitwear, dresses and coats made to be worn for years.',
    slug: 'clothing',
    title: 'Clothing',
  },
  {
    de: { description: 'Kochgeschirr, Geschirr, Leuchten und Textilien für jeden Raum.', slug: 'wohnen', title: 'Wohnen' },
    description: 'Cookware, tableware, lighting and textiles for every room.',
    slug: 'home',
    title: 'Home',
  },
  {
    de: { description: 'Taschen und Schmuck, die ein Outfit vollenden.', slug: 'accessoires', title: 'Accessoires' },
    description: 'Bags and jewellery to finish an outfit.',
    slug: 'accessories',
    title: 'Accessories',
  },
  {
    de: { description: 'Klassiker für Herren.', slug: 'herren', title: 'Herren' },
    description: 'Menswear essentials.',
    parent: 'clothing',
    slug: 'men',
    title: 'Men',
  },
  {
    de: { description: 'Klassiker für Damen.', slug: 'damen', title: 'Damen' },
    description: 'Womenswear essentials.',
    parent: 'clothing',
    slug: 'women',
    title: 'Women',
  },
  {
    de: { description: 'Alles zum Kochen und Servieren.', slug: 'kueche', title: 'Küche' },
    description: 'Everything for cooking and serving.',
    parent: 'home',
    slug: 'kitchen',
    title: 'Kitchen',
  },
  {
    de: { description: 'Licht und Behaglichkeit für Wohn- und Schlafzimmer.', slug: 'wohnraeume', title: 'Wohnräume' },
    description: 'Light and comfort for living rooms and bedrooms.',
    parent: 'home',
    slug: 'living',
    title: 'Living',
  },
  {
    de: { description: 'Rucksäcke und Tragetaschen für jeden Tag.', slug: 'taschen', title: 'Taschen' },
    description: 'Backpacks and totes for every day.',
    parent: 'accessories',
    slug: 'bags',
    title: 'Bags',
  },
  {
    de: { description: 'Kleine Stücke aus recyceltem Silber und Gold.', slug: 'schmuck', title: 'Schmuck' },
    description: 'Small pieces in recycled silver and gold.',
    parent: 'accessories',
    slug: 'jewellery',
    title: 'Jewellery',
  },
]

/** The third level: where products are filed. */
export const RANGES: RangeSeed[] = [
  {
    code: 'MSH',
    de: {
      description: 'Oxford-, Leinen- und Flanellhemden.',
      details: 'Gewebt aus langstapliger Baumwolle, mit Perlmuttknöpfen. Maschinenwäsche bei 30 °C.',
      pitch: 'ein Basisteil für jede Garderobe, mit lockerer Passform und weichem Kragen.',
      slug: 'herren-hemden',
      title: 'Hemden',
    },
    description: 'Oxford, linen and flannel shirts.',
    details: 'Woven from long-staple cotton and finished with mother-of-pearl buttons. Machine wash at 30 °C.',
    hue: 210,
    lines: [
      { de: 'Oxford-Hemd', name: 'Oxford Shirt', options: [apparel, colours(['White', 'Blue', 'Pink'])] },
      { de: 'Leinenhemd', name: 'Linen Shirt', options: [apparel, colours(['Natural', 'Sage'])] },
      { de: 'Flanell-Overshirt', name: 'Flannel Overshirt' },
      { de: 'Chambray-Hemd', name: 'Chambray Shirt' },
      { de: 'Popeline-Hemd', name: 'Poplin Shirt', options: [apparel, colours(['White', 'Navy'])] },
      { de: 'Denim-Arbeitshemd', name: 'Denim Work Shirt' },
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
    de: {
      description: 'Pullover aus Merino, Lammwolle und Kaschmir.',
      details: 'In Schottland aus rückverfolgbarer Wolle gestrickt. Kalt von Hand waschen und liegend trocknen.',
      pitch: 'wärmt, ohne aufzutragen, und ist weich genug für die bloße Haut.',
      slug: 'herren-strick',
      title: 'Strick',
    },
    description: 'Merino, lambswool and cashmere sweaters.',
    details: 'Knitted in Scotland from traceable wool. Hand wash cold and dry flat.',
    hue: 30,
    lines: [
      { de: 'Merino-Rundhalspullover', name: 'Merino Crew Sweater', options: [apparel, colours(['Charcoal', 'Oatmeal', 'Navy'])] },
      { de: 'Lammwoll-Cardigan', name: 'Lambswool Cardigan' },
      { de: 'Zopfstrickpullover', name: 'Cable-Knit Jumper' },
      { de: 'Baumwoll-Troyer', name: 'Cotton Quarter-Zip' },
      { de: 'Kaschmirpullover mit V-Ausschnitt', name: 'Cashmere V-Neck', options: [apparel, colours(['Camel', 'Grey'])] },
      { de: 'Alpaka-Rollkragenpullover', name: 'Alpaca Roll-Neck' },
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
    de: {
      description: 'Jacken und Mäntel für Wind und Regen.',
      details: 'Die Nähte sind getapt, die Reißverschlüsse von YKK. Die Imprägnierung einmal pro Saison erneuern.',
      pitch: 'gemacht für wechselhaftes Wetter und geschnitten, um über Strick getragen zu werden.',
      slug: 'herren-jacken-maentel',
      title: 'Jacken & Mäntel',
    },
    description: 'Jackets and coats for wind and rain.',
    details: 'Seams are taped and the zips are by YKK. Re-proof the finish once a season.',
    hue: 150,
    lines: [
      { de: 'Gewachste Feldjacke', name: 'Waxed Field Jacket' },
      { de: 'Gesteppte Weste', name: 'Quilted Liner Vest' },
      { de: 'Wollmantel', name: 'Wool Overcoat' },
      { de: 'Verstaubare Regenjacke', name: 'Packable Rain Shell', options: [apparel, colours(['Olive', 'Black'])] },
      { de: 'Harrington-Jacke', name: 'Harrington Jacket' },
      { draft: true, de: 'Daunenparka', name: 'Down Parka' },
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
    de: {
      description: 'Wickel-, Midi- und Hemdblusenkleider.',
      details: 'In Portugal aus zertifizierter Bio-Baumwolle und Leinen gefertigt. Bei 30 °C waschen, an der Leine trocknen.',
      pitch: 'schick oder lässig zu tragen, mit Taschen, die tief genug für ein Handy sind.',
      slug: 'damen-kleider',
      title: 'Kleider',
    },
    description: 'Wrap, midi and shirt dresses.',
    details: 'Made in Portugal from certified organic cotton and linen. Wash at 30 °C, line dry.',
    hue: 330,
    lines: [
      { de: 'Wickelkleid', name: 'Wrap Dress', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Rust', 'Ink'])] },
      { de: 'Leinen-Midikleid', name: 'Linen Midi Dress' },
      { de: 'Hemdblusenkleid', name: 'Shirt Dress' },
      { de: 'Rippstrickkleid', name: 'Ribbed Knit Dress' },
      { de: 'Satin-Slipdress', name: 'Satin Slip Dress', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Champagne', 'Black'])] },
      { draft: true, de: 'Stufen-Maxikleid', name: 'Tiered Maxi Dress' },
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
    de: {
      description: 'Blusen, T-Shirts und Cardigans.',
      details: 'Aus Stoffen, die Wäsche für Wäsche in Form bleiben. Maschinenwäsche bei 30 °C.',
      pitch: 'eine leichte Lage, allein oder unter einer Jacke zu tragen.',
      slug: 'damen-oberteile',
      title: 'Oberteile',
    },
    description: 'Blouses, tees and cardigans.',
    details: 'Cut from fabrics that keep their shape wash after wash. Machine wash at 30 °C.',
    hue: 280,
    lines: [
      { de: 'Seidenbluse', name: 'Silk Blouse', options: [sizes(['XS', 'S', 'M', 'L']), colours(['Ivory', 'Forest'])] },
      { de: 'Bretonisches Ringelshirt', name: 'Breton Top' },
      { de: 'Geripptes Tanktop', name: 'Ribbed Tank' },
      { de: 'Popeline-Bluse', name: 'Poplin Blouse' },
      { de: 'Kurzer Cardigan', name: 'Cropped Cardigan' },
      { de: 'Leinenhemd mit Reverskragen', name: 'Linen Camp Shirt' },
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
    de: {
      description: 'Pfannen, Töpfe und Woks fürs ganze Leben.',
      details: 'Für Gas-, Elektro- und Induktionsherde und für den Backofen bis 260 °C.',
      pitch: 'schwer genug, um die Hitze gleichmäßig zu halten, und schlicht genug, um es weiterzugeben.',
      slug: 'kochgeschirr',
      title: 'Kochgeschirr',
    },
    description: 'Pans, pots and woks that last a lifetime.',
    details: 'Works on gas, electric and induction hobs and in the oven up to 260 °C.',
    hue: 15,
    lines: [
      { de: 'Gusseisenpfanne', name: 'Cast-Iron Skillet' },
      { de: 'Karbonstahl-Wok', name: 'Carbon Steel Wok', options: [sizes(['30 cm', '36 cm'])] },
      { de: 'Emaillierter Schmortopf', name: 'Enamel Dutch Oven', options: [{ name: 'Capacity', values: ['3.5 l', '5 l', '6.5 l'] }] },
      { de: 'Kupfer-Stielkasserolle', name: 'Copper Saucepan', options: [sizes(['16 cm', '18 cm'])] },
      { de: 'Edelstahl-Suppentopf', name: 'Stainless Stockpot', options: [{ name: 'Capacity', values: ['6 l', '9 l'] }] },
      { de: 'Keramik-Bratpfanne', name: 'Ceramic Frying Pan' },
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
    de: {
      description: 'Teller, Schüsseln, Becher und Gläser.',
      details: 'Spülmaschinen- und mikrowellenfest. Jedes Stück ist von Hand glasiert, keines gleicht genau dem anderen.',
      pitch: 'gemacht für den Alltag und schön genug für Gäste.',
      slug: 'geschirr',
      title: 'Geschirr',
    },
    description: 'Plates, bowls, mugs and glasses.',
    details: 'Dishwasher and microwave safe. Each piece is glazed by hand, so no two are quite alike.',
    hue: 190,
    lines: [
      { de: 'Steingut-Speiseteller', name: 'Stoneware Dinner Plate' },
      { de: 'Porzellanbecher', name: 'Porcelain Mug' },
      { de: 'Leinenservietten, 4er-Set', name: 'Linen Napkins, Set of 4', options: [colours(['Natural', 'Indigo', 'Terracotta'])] },
      { de: 'Trinkgläser, 6er-Set', name: 'Glass Tumblers, Set of 6', options: [] },
      { de: 'Servierschüssel', name: 'Serving Bowl' },
      { de: 'Espressotassen, 2er-Set', name: 'Espresso Cups, Set of 2' },
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
    de: {
      description: 'Tischleuchten, Pendelleuchten und Stehleuchten.',
      details: 'Für eine E27-Lampe bis 40 W (LED empfohlen). Mit 2 m Textilkabel.',
      pitch: 'ein warmes, blendfreies Licht für Leseecken und Esstische.',
      slug: 'leuchten',
      title: 'Leuchten',
    },
    description: 'Table lamps, pendants and floor lamps.',
    details: 'Takes an E27 bulb up to 40 W (LED recommended). Comes with a 2 m braided cable.',
    hue: 45,
    lines: [
      { de: 'Keramik-Tischleuchte', name: 'Ceramic Table Lamp' },
      { de: 'Rattan-Pendelleuchte', name: 'Rattan Pendant' },
      { de: 'Messing-Stehleuchte', name: 'Brass Floor Lamp' },
      { de: 'Plissee-Lampenschirm', name: 'Pleated Lampshade', options: [colours(['Ivory', 'Ochre'])] },
      { de: 'Opalglas-Wandleuchte', name: 'Opal Glass Wall Light' },
      { draft: true, de: 'Akku-Tischleuchte', name: 'Rechargeable Table Lamp' },
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
    de: {
      description: 'Plaids, Kissen, Teppiche und Handtücher.',
      details: 'Aus Naturfasern gewebt und ohne Azofarbstoffe gefärbt. Bei 40 °C waschen.',
      pitch: 'weich, großzügig und mit jeder Wäsche noch weicher.',
      slug: 'wohntextilien',
      title: 'Wohntextilien',
    },
    description: 'Throws, cushions, rugs and towels.',
    details: 'Woven from natural fibres and dyed without azo dyes. Wash at 40 °C.',
    hue: 100,
    lines: [
      { de: 'Woll-Plaid', name: 'Wool Throw' },
      { de: 'Leinen-Kissenbezug', name: 'Linen Cushion Cover' },
      { de: 'Flachgewebter Baumwollteppich', name: 'Flatweave Cotton Rug', options: [sizes(['120 × 180 cm', '160 × 230 cm'])] },
      { de: 'Samtkissen', name: 'Velvet Cushion' },
      { de: 'Waffelpiqué-Badetuch', name: 'Waffle Bath Towel' },
      { de: 'Merino-Decke', name: 'Merino Blanket' },
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
    de: {
      description: 'Rucksäcke für den Arbeitsweg und das Wochenende.',
      details: 'Wasserabweisendes gewachstes Canvas mit gepolstertem Fach für einen 15-Zoll-Laptop.',
      pitch: 'leicht auf den Schultern, mit einem Platz für alles.',
      slug: 'rucksaecke',
      title: 'Rucksäcke',
    },
    description: 'Backpacks for commuting and weekends.',
    details: 'Water-resistant waxed canvas with a padded sleeve for a 15-inch laptop.',
    hue: 170,
    lines: [
      { de: 'Canvas-Rucksack', name: 'Canvas Rucksack' },
      { de: 'Rolltop-Rucksack', name: 'Roll-Top Backpack' },
      { de: 'Leder-Tagesrucksack', name: 'Leather Daypack', options: [colours(['Tan', 'Dark Brown'])] },
      { de: 'Laptop-Rucksack', name: 'Laptop Backpack' },
      { de: 'Mini-Rucksack', name: 'Mini Backpack' },
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
    de: {
      description: 'Tragetaschen und Shopper.',
      details: 'Schweres Bio-Canvas mit Ledergriffen, die schön altern.',
      pitch: 'geräumig genug für den Wocheneinkauf und schick genug fürs Büro.',
      slug: 'shopper',
      title: 'Shopper',
    },
    description: 'Totes and shoppers.',
    details: 'Heavyweight organic canvas with leather handles that age beautifully.',
    hue: 60,
    lines: [
      { de: 'Canvas-Tasche', name: 'Canvas Tote' },
      { de: 'Leder-Shopper', name: 'Leather Shopper', options: [colours(['Tan', 'Black'])] },
      { de: 'Marktkorb', name: 'Market Basket' },
      { de: 'Tragetasche mit Reißverschluss', name: 'Zip-Top Tote' },
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
    de: {
      description: 'Ohrringe, Ringe, Ketten und Armbänder.',
      details: 'Recyceltes Sterlingsilber oder Silber mit 18-Karat-Vergoldung. Kommt in einer Geschenkbox.',
      pitch: 'ein kleines Stück, das man jeden Tag trägt und nie ablegt.',
      slug: 'alltagsschmuck',
      title: 'Alltagsschmuck',
    },
    description: 'Earrings, rings, necklaces and bracelets.',
    details: 'Recycled sterling silver, or silver plated with 18-carat gold. Comes in a gift box.',
    hue: 260,
    lines: [
      { de: 'Creolen', name: 'Hoop Earrings' },
      { de: 'Siegelring', name: 'Signet Ring', options: [{ name: 'Metal', values: ['Silver', 'Gold'] }, sizes(['50', '52', '54', '56'])] },
      { de: 'Gliederkette', name: 'Chain Necklace' },
      { de: 'Armreif', name: 'Cuff Bracelet' },
      { de: 'Perlenohrstecker', name: 'Pearl Studs', options: [] },
      { draft: true, de: 'Fußkettchen mit Anhänger', name: 'Charm Anklet' },
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
  ...RANGES.map(({ de, description, parent, slug, title }) => ({
    de: { description: de.description, slug: de.slug, title: de.title },
    description,
    parent,
    slug,
    title,
  })),
]
