// The demo catalog and inventory bundled in Data/demo/: a few thousand everyday essentials, groceries (chilled
// and frozen too), electronics and oversize items, stocked across a generated network.

import Foundation

/// What a demo product is, for stocking rules and documentation.
/// Its raw value is the name docs and tools print; the SKU prefix is in `DemoCatalog.prefixes`.
public enum DemoCategory: String, Sendable, CaseIterable {
    /// Paper goods, cleaning, batteries (`HH-`).
    case household
    /// Toiletries and over-the-counter health (`PC-`).
    case personalCare = "personal-care"
    /// Diapers, wipes, formula (`BB-`); pet food and litter (`PT-`); ambient groceries (`GR-`); drinks (`BV-`).
    case baby, pet, pantry, beverages
    /// Groceries kept at 0–4 °C (`CH-`) and frozen (`FZ-`): only at nodes and stations with that temperature.
    case chilled, frozen
    /// Electronics (`EL-`), home and kitchen (`HK-`), office (`OF-`), toys (`TY-`).
    case electronics, home, office, toys
    /// Bulky items, about a metre long or 12 kg and more (`OV-`): televisions, furniture, mattresses; never at same-day or now-sites.
    case oversize
}

/// One demo SKU: its catalog row and the facts that decide where it is stocked.
public struct DemoProduct: Sendable, Hashable {
    /// The catalog row.
    public var item: CatalogItem
    /// The product's category.
    public var category: DemoCategory
    /// Everyday essentials: stocked widely, at same-day sites, and (a few hundred of them) at now-sites.
    public var everyday: Bool
    /// 0 for the first product of its template, size and brand; more for the long tail of a large catalog
    /// (named "… (variety N)"), which is stocked at fewer nodes.
    public var variety: Int = 0
}

/// Builds the demo catalog and inventory. Pure and deterministic: same inputs and seed, same rows.
public enum DemoCatalog {
    /// A product line: one base product in a few sizes, sold under several brands.
    struct Template {
        var name: String
        var category: DemoCategory
        /// Length, width, height (mm), weight (g), price (cents) of the first size.
        var mm: (Int, Int, Int)
        var grams: Int
        var cents: Int
        var everyday: Bool
        /// Size labels and their content relative to the first size.
        var sizes: [(String, Double)]
    }

    static let brands = [
        "Northfield", "Brightway", "Clover Lane", "Summit", "Harbor & Pine", "Evergreen", "Bluebird", "Oakmont",
        "Meadow Fresh", "Keystone", "Sunridge", "Cedar Hollow", "Silver Birch", "Redwood", "Lakeshore", "Copperfield",
    ]

    /// Third-party sellers; about a quarter of the non-grocery SKUs are theirs, the rest first-party (`sameday`).
    static let sellers = ["lakeside-goods", "prairie-supply"]
    static let electronicsSeller = "coastline-electronics"

    // swift-format-ignore
    static let templates: [Template] = [
        // Household
        .init(name: "Paper towels", category: .household, mm: (280, 230, 280), grams: 1100, cents: 899, everyday: true, sizes: [("6 rolls", 1), ("12 rolls", 2)]),
        .init(name: "Toilet paper", category: .household, mm: (400, 300, 120), grams: 1400, cents: 999, everyday: true, sizes: [("12 rolls", 1), ("24 rolls", 2)]),
        .init(name: "Facial tissues", category: .household, mm: (240, 120, 100), grams: 300, cents: 249, everyday: true, sizes: [("1 box", 1), ("3 boxes", 3)]),
        .init(name: "Dish soap", category: .household, mm: (90, 55, 230), grams: 800, cents: 399, everyday: true, sizes: [("750 ml", 1), ("1.5 l", 2)]),
        .init(name: "Dishwasher pods", category: .household, mm: (200, 120, 150), grams: 900, cents: 1299, everyday: true, sizes: [("40 count", 1), ("80 count", 2)]),
        .init(name: "Laundry detergent", category: .household, mm: (160, 110, 280), grams: 2800, cents: 1399, everyday: true, sizes: [("2.5 l", 1), ("4.5 l", 1.8)]),
        .init(name: "Fabric softener sheets", category: .household, mm: (150, 80, 150), grams: 350, cents: 599, everyday: false, sizes: [("120 sheets", 1), ("240 sheets", 2)]),
        .init(name: "All-purpose cleaner spray", category: .household, mm: (100, 70, 270), grams: 850, cents: 449, everyday: true, sizes: [("750 ml", 1)]),
        .init(name: "Disinfecting wipes", category: .household, mm: (110, 110, 180), grams: 600, cents: 549, everyday: true, sizes: [("75 wipes", 1), ("3 x 75 wipes", 3)]),
        .init(name: "Trash bags, 50 l", category: .household, mm: (230, 130, 120), grams: 900, cents: 1099, everyday: true, sizes: [("40 bags", 1), ("90 bags", 2.2)]),
        .init(name: "Aluminum foil", category: .household, mm: (310, 50, 50), grams: 450, cents: 499, everyday: false, sizes: [("23 m", 1), ("60 m", 2.5)]),
        .init(name: "Sponges", category: .household, mm: (150, 100, 50), grams: 90, cents: 349, everyday: true, sizes: [("6 pack", 1), ("12 pack", 2)]),
        .init(name: "AA batteries", category: .household, mm: (120, 90, 20), grams: 200, cents: 899, everyday: true, sizes: [("8 pack", 1), ("24 pack", 3)]),
        .init(name: "LED light bulbs, 60 W equivalent", category: .household, mm: (130, 65, 65), grams: 120, cents: 799, everyday: false, sizes: [("4 pack", 1), ("8 pack", 2)]),
        // Personal care
        .init(name: "Toothpaste", category: .personalCare, mm: (200, 50, 40), grams: 170, cents: 349, everyday: true, sizes: [("120 g", 1), ("2 x 120 g", 2)]),
        .init(name: "Toothbrushes, soft", category: .personalCare, mm: (230, 100, 30), grams: 80, cents: 499, everyday: true, sizes: [("4 pack", 1)]),
        .init(name: "Shampoo", category: .personalCare, mm: (80, 50, 220), grams: 450, cents: 699, everyday: true, sizes: [("400 ml", 1), ("1 l", 2.5)]),
        .init(name: "Conditioner", category: .personalCare, mm: (80, 50, 220), grams: 450, cents: 699, everyday: false, sizes: [("400 ml", 1)]),
        .init(name: "Body wash", category: .personalCare, mm: (85, 55, 230), grams: 560, cents: 649, everyday: true, sizes: [("500 ml", 1), ("1 l", 2)]),
        .init(name: "Bar soap", category: .personalCare, mm: (180, 95, 65), grams: 700, cents: 599, everyday: true, sizes: [("6 bars", 1), ("12 bars", 2)]),
        .init(name: "Deodorant", category: .personalCare, mm: (70, 40, 140), grams: 110, cents: 549, everyday: true, sizes: [("75 g", 1), ("2 x 75 g", 2)]),
        .init(name: "Disposable razors", category: .personalCare, mm: (200, 110, 40), grams: 150, cents: 1099, everyday: false, sizes: [("8 pack", 1)]),
        .init(name: "Sunscreen SPF 50", category: .personalCare, mm: (60, 40, 170), grams: 260, cents: 1099, everyday: false, sizes: [("240 ml", 1)]),
        .init(name: "Hand soap refill", category: .personalCare, mm: (110, 70, 250), grams: 1100, cents: 799, everyday: true, sizes: [("1 l", 1)]),
        .init(name: "Cotton swabs", category: .personalCare, mm: (110, 70, 70), grams: 120, cents: 299, everyday: false, sizes: [("500 count", 1)]),
        .init(name: "Pain reliever, ibuprofen 200 mg", category: .personalCare, mm: (90, 45, 45), grams: 90, cents: 899, everyday: true, sizes: [("100 tablets", 1), ("300 tablets", 2.5)]),
        .init(name: "Bandages, assorted", category: .personalCare, mm: (120, 80, 50), grams: 70, cents: 499, everyday: true, sizes: [("60 count", 1)]),
        .init(name: "Multivitamin", category: .personalCare, mm: (70, 70, 130), grams: 250, cents: 1299, everyday: false, sizes: [("100 tablets", 1), ("200 tablets", 2)]),
        // Baby
        .init(name: "Diapers, size 3", category: .baby, mm: (400, 250, 200), grams: 2600, cents: 2699, everyday: true, sizes: [("84 count", 1), ("168 count", 2)]),
        .init(name: "Diapers, size 5", category: .baby, mm: (400, 250, 200), grams: 2900, cents: 2699, everyday: true, sizes: [("66 count", 1)]),
        .init(name: "Baby wipes, unscented", category: .baby, mm: (200, 110, 90), grams: 700, cents: 699, everyday: true, sizes: [("3 x 80 wipes", 1), ("9 x 80 wipes", 3)]),
        .init(name: "Infant formula powder", category: .baby, mm: (130, 130, 180), grams: 900, cents: 3499, everyday: true, sizes: [("850 g", 1)]),
        .init(name: "Baby food pouches, apple and pear", category: .baby, mm: (200, 130, 110), grams: 1100, cents: 1399, everyday: false, sizes: [("12 x 113 g", 1)]),
        // Pet
        .init(name: "Dry dog food, chicken and rice", category: .pet, mm: (450, 300, 120), grams: 6800, cents: 2899, everyday: true, sizes: [("6.8 kg", 1), ("13.6 kg", 2)]),
        .init(name: "Dry cat food, salmon", category: .pet, mm: (350, 230, 100), grams: 3200, cents: 1899, everyday: true, sizes: [("3.2 kg", 1)]),
        .init(name: "Wet cat food, variety", category: .pet, mm: (250, 170, 80), grams: 1100, cents: 1299, everyday: false, sizes: [("12 x 85 g", 1), ("24 x 85 g", 2)]),
        .init(name: "Clumping cat litter", category: .pet, mm: (400, 250, 150), grams: 9000, cents: 1599, everyday: true, sizes: [("9 kg", 1)]),
        .init(name: "Dog chew treats", category: .pet, mm: (250, 180, 60), grams: 450, cents: 1199, everyday: false, sizes: [("450 g", 1)]),
        // Pantry (ambient grocery)
        .init(name: "Spaghetti", category: .pantry, mm: (270, 80, 30), grams: 500, cents: 179, everyday: true, sizes: [("500 g", 1), ("4 x 500 g", 4)]),
        .init(name: "Long-grain white rice", category: .pantry, mm: (220, 150, 80), grams: 2000, cents: 499, everyday: true, sizes: [("2 kg", 1), ("5 kg", 2.5)]),
        .init(name: "Rolled oats", category: .pantry, mm: (200, 130, 80), grams: 1000, cents: 399, everyday: true, sizes: [("1 kg", 1)]),
        .init(name: "Peanut butter, creamy", category: .pantry, mm: (90, 90, 130), grams: 500, cents: 399, everyday: true, sizes: [("454 g", 1), ("2 x 454 g", 2)]),
        .init(name: "Strawberry jam", category: .pantry, mm: (80, 80, 110), grams: 470, cents: 349, everyday: false, sizes: [("340 g", 1)]),
        .init(name: "Ground coffee, medium roast", category: .pantry, mm: (160, 100, 70), grams: 360, cents: 899, everyday: true, sizes: [("340 g", 1), ("1 kg", 3)]),
        .init(name: "Black tea bags", category: .pantry, mm: (150, 80, 70), grams: 220, cents: 449, everyday: false, sizes: [("100 bags", 1)]),
        .init(name: "Breakfast cereal, honey oat", category: .pantry, mm: (280, 200, 65), grams: 480, cents: 449, everyday: true, sizes: [("400 g", 1), ("2 x 400 g", 2)]),
        .init(name: "Canned black beans", category: .pantry, mm: (75, 75, 110), grams: 440, cents: 119, everyday: true, sizes: [("425 g", 1), ("12 x 425 g", 12)]),
        .init(name: "Canned diced tomatoes", category: .pantry, mm: (75, 75, 110), grams: 440, cents: 129, everyday: true, sizes: [("411 g", 1), ("12 x 411 g", 12)]),
        .init(name: "Chicken noodle soup", category: .pantry, mm: (70, 70, 100), grams: 340, cents: 179, everyday: false, sizes: [("305 g", 1), ("12 x 305 g", 12)]),
        .init(name: "Extra virgin olive oil", category: .pantry, mm: (75, 75, 290), grams: 1000, cents: 1099, everyday: true, sizes: [("750 ml", 1)]),
        .init(name: "All-purpose flour", category: .pantry, mm: (200, 130, 90), grams: 2270, cents: 449, everyday: false, sizes: [("2.27 kg", 1)]),
        .init(name: "Granulated sugar", category: .pantry, mm: (180, 120, 80), grams: 1810, cents: 399, everyday: false, sizes: [("1.81 kg", 1)]),
        .init(name: "Salted tortilla chips", category: .pantry, mm: (330, 230, 90), grams: 400, cents: 449, everyday: true, sizes: [("368 g", 1)]),
        .init(name: "Mixed nuts, roasted and salted", category: .pantry, mm: (120, 120, 130), grams: 900, cents: 1299, everyday: false, sizes: [("850 g", 1)]),
        .init(name: "Granola bars, chocolate chip", category: .pantry, mm: (200, 110, 60), grams: 420, cents: 499, everyday: true, sizes: [("12 bars", 1), ("48 bars", 4)]),
        .init(name: "Macaroni and cheese dinner", category: .pantry, mm: (170, 110, 40), grams: 220, cents: 149, everyday: true, sizes: [("206 g", 1), ("6 x 206 g", 6)]),
        .init(name: "Pasta sauce, marinara", category: .pantry, mm: (85, 85, 160), grams: 900, cents: 399, everyday: true, sizes: [("680 g", 1)]),
        .init(name: "Honey", category: .pantry, mm: (70, 70, 150), grams: 500, cents: 799, everyday: false, sizes: [("340 g", 1)]),
        // Beverages
        .init(name: "Sparkling water, lime", category: .beverages, mm: (400, 140, 125), grams: 4300, cents: 599, everyday: true, sizes: [("12 x 355 ml", 1), ("24 x 355 ml", 2)]),
        .init(name: "Bottled spring water", category: .beverages, mm: (400, 270, 210), grams: 12800, cents: 549, everyday: true, sizes: [("24 x 500 ml", 1)]),
        .init(name: "Cola", category: .beverages, mm: (400, 140, 125), grams: 4500, cents: 799, everyday: true, sizes: [("12 x 355 ml", 1)]),
        .init(name: "Orange juice, shelf-stable", category: .beverages, mm: (95, 95, 250), grams: 1800, cents: 449, everyday: false, sizes: [("1.75 l", 1)]),
        .init(name: "Sports drink, lemon-lime", category: .beverages, mm: (260, 200, 220), grams: 7800, cents: 1099, everyday: false, sizes: [("12 x 591 ml", 1)]),
        .init(name: "Coffee pods, dark roast", category: .beverages, mm: (200, 130, 130), grams: 400, cents: 1499, everyday: true, sizes: [("44 pods", 1), ("88 pods", 2)]),
        .init(name: "Oat milk, shelf-stable", category: .beverages, mm: (95, 65, 200), grams: 1050, cents: 399, everyday: true, sizes: [("946 ml", 1), ("6 x 946 ml", 6)]),
        // Chilled
        .init(name: "Whole milk", category: .chilled, mm: (110, 110, 260), grams: 3950, cents: 429, everyday: true, sizes: [("3.78 l", 1), ("1.89 l", 0.5)]),
        .init(name: "2% milk", category: .chilled, mm: (110, 110, 260), grams: 3950, cents: 429, everyday: true, sizes: [("3.78 l", 1)]),
        .init(name: "Large eggs", category: .chilled, mm: (300, 100, 70), grams: 700, cents: 399, everyday: true, sizes: [("12 count", 1), ("18 count", 1.5)]),
        .init(name: "Salted butter", category: .chilled, mm: (130, 65, 65), grams: 470, cents: 549, everyday: true, sizes: [("454 g", 1)]),
        .init(name: "Greek yogurt, plain", category: .chilled, mm: (120, 120, 100), grams: 950, cents: 599, everyday: true, sizes: [("907 g", 1)]),
        .init(name: "Sharp cheddar cheese, block", category: .chilled, mm: (180, 80, 40), grams: 460, cents: 599, everyday: true, sizes: [("454 g", 1), ("907 g", 2)]),
        .init(name: "Sliced turkey breast", category: .chilled, mm: (200, 150, 40), grams: 460, cents: 699, everyday: false, sizes: [("454 g", 1)]),
        .init(name: "Boneless chicken breasts", category: .chilled, mm: (260, 180, 60), grams: 1400, cents: 1099, everyday: true, sizes: [("1.36 kg", 1)]),
        .init(name: "Ground beef 85% lean", category: .chilled, mm: (200, 140, 50), grams: 480, cents: 649, everyday: true, sizes: [("454 g", 1), ("1.36 kg", 3)]),
        .init(name: "Atlantic salmon fillets", category: .chilled, mm: (250, 170, 40), grams: 700, cents: 1399, everyday: false, sizes: [("680 g", 1)]),
        .init(name: "Baby spinach", category: .chilled, mm: (230, 150, 100), grams: 160, cents: 399, everyday: true, sizes: [("142 g", 1), ("454 g", 3)]),
        .init(name: "Strawberries", category: .chilled, mm: (200, 130, 90), grams: 480, cents: 449, everyday: true, sizes: [("454 g", 1)]),
        .init(name: "Hummus, classic", category: .chilled, mm: (120, 120, 60), grams: 300, cents: 399, everyday: false, sizes: [("283 g", 1)]),
        .init(name: "Fresh orange juice", category: .chilled, mm: (100, 100, 240), grams: 1600, cents: 599, everyday: true, sizes: [("1.54 l", 1)]),
        // Frozen
        .init(name: "Frozen pizza, pepperoni", category: .frozen, mm: (310, 310, 50), grams: 800, cents: 699, everyday: true, sizes: [("1 pizza", 1), ("2 pizzas", 2)]),
        .init(name: "Vanilla ice cream", category: .frozen, mm: (160, 160, 120), grams: 1000, cents: 549, everyday: true, sizes: [("1.4 l", 1)]),
        .init(name: "Frozen mixed vegetables", category: .frozen, mm: (250, 180, 50), grams: 920, cents: 349, everyday: true, sizes: [("907 g", 1)]),
        .init(name: "Frozen blueberries", category: .frozen, mm: (250, 180, 60), grams: 1400, cents: 799, everyday: false, sizes: [("1.36 kg", 1)]),
        .init(name: "Frozen breaded chicken nuggets", category: .frozen, mm: (300, 230, 60), grams: 1400, cents: 999, everyday: true, sizes: [("1.36 kg", 1)]),
        .init(name: "Frozen shrimp, peeled", category: .frozen, mm: (250, 180, 50), grams: 950, cents: 1299, everyday: false, sizes: [("907 g", 1)]),
        .init(name: "Frozen waffles", category: .frozen, mm: (230, 130, 70), grams: 700, cents: 399, everyday: false, sizes: [("24 waffles", 1)]),
        .init(name: "Frozen burritos, bean and cheese", category: .frozen, mm: (280, 200, 80), grams: 1800, cents: 899, everyday: false, sizes: [("8 pack", 1)]),
        // Electronics
        .init(name: "USB-C charging cable, 2 m", category: .electronics, mm: (180, 100, 25), grams: 90, cents: 1299, everyday: true, sizes: [("1 cable", 1), ("3 cables", 2.5)]),
        .init(name: "USB-C wall charger, 30 W", category: .electronics, mm: (110, 80, 45), grams: 110, cents: 1999, everyday: true, sizes: [("1 charger", 1)]),
        .init(name: "Wireless earbuds", category: .electronics, mm: (140, 110, 50), grams: 220, cents: 4999, everyday: false, sizes: [("1 pair", 1)]),
        .init(name: "Over-ear noise-cancelling headphones", category: .electronics, mm: (250, 210, 100), grams: 700, cents: 17999, everyday: false, sizes: [("1 pair", 1)]),
        .init(name: "Bluetooth speaker, portable", category: .electronics, mm: (200, 100, 90), grams: 700, cents: 5999, everyday: false, sizes: [("1 speaker", 1)]),
        .init(name: "Streaming media stick, 4K", category: .electronics, mm: (150, 110, 50), grams: 250, cents: 3999, everyday: false, sizes: [("1 device", 1)]),
        .init(name: "10.1-inch tablet, 64 GB", category: .electronics, mm: (290, 200, 50), grams: 800, cents: 13999, everyday: false, sizes: [("1 tablet", 1)]),
        .init(name: "Power bank, 20,000 mAh", category: .electronics, mm: (170, 100, 40), grams: 450, cents: 3499, everyday: false, sizes: [("1 unit", 1)]),
        .init(name: "Wireless mouse", category: .electronics, mm: (160, 110, 50), grams: 180, cents: 1999, everyday: false, sizes: [("1 mouse", 1)]),
        .init(name: "Smart plug, Wi-Fi", category: .electronics, mm: (110, 80, 70), grams: 150, cents: 1499, everyday: false, sizes: [("1 plug", 1), ("4 plugs", 3.2)]),
        .init(name: "Microwave oven, 0.9 cu ft", category: .electronics, mm: (520, 430, 320), grams: 11500, cents: 8999, everyday: false, sizes: [("1 unit", 1)]),
        .init(name: "Laptop, 14-inch, 512 GB SSD", category: .electronics, mm: (400, 280, 80), grams: 2600, cents: 69999, everyday: false, sizes: [("1 laptop", 1)]),
        .init(name: "Computer monitor, 27-inch", category: .electronics, mm: (720, 470, 170), grams: 7200, cents: 22999, everyday: false, sizes: [("1 monitor", 1)]),
        // Home and kitchen
        .init(name: "Bath towels, cotton", category: .home, mm: (350, 250, 150), grams: 1800, cents: 2999, everyday: false, sizes: [("4 pack", 1)]),
        .init(name: "Queen sheet set, microfiber", category: .home, mm: (330, 270, 90), grams: 1500, cents: 3499, everyday: false, sizes: [("1 set", 1)]),
        .init(name: "Nonstick frying pan, 28 cm", category: .home, mm: (520, 300, 80), grams: 1300, cents: 2999, everyday: false, sizes: [("1 pan", 1)]),
        .init(name: "Food storage containers, glass", category: .home, mm: (350, 250, 200), grams: 3800, cents: 3999, everyday: false, sizes: [("10 piece", 1)]),
        .init(name: "Drinking glasses", category: .home, mm: (300, 200, 160), grams: 2400, cents: 1999, everyday: false, sizes: [("8 glasses", 1)]),
        .init(name: "Scented candle, 3-wick", category: .home, mm: (130, 130, 110), grams: 650, cents: 1899, everyday: false, sizes: [("411 g", 1)]),
        .init(name: "Storage bins, fabric", category: .home, mm: (330, 330, 120), grams: 1200, cents: 2499, everyday: false, sizes: [("6 pack", 1)]),
        // Office
        .init(name: "Copy paper, letter size", category: .office, mm: (300, 220, 110), grams: 2500, cents: 999, everyday: true, sizes: [("500 sheets", 1), ("5 x 500 sheets", 5)]),
        .init(name: "Ballpoint pens, black", category: .office, mm: (160, 80, 20), grams: 120, cents: 599, everyday: false, sizes: [("12 pack", 1), ("60 pack", 5)]),
        .init(name: "Sticky notes, 76 x 76 mm", category: .office, mm: (160, 80, 80), grams: 400, cents: 899, everyday: false, sizes: [("12 pads", 1)]),
        .init(name: "Packing tape with dispenser", category: .office, mm: (200, 150, 60), grams: 500, cents: 1199, everyday: false, sizes: [("4 rolls", 1)]),
        // Toys
        .init(name: "Building bricks set, 500 pieces", category: .toys, mm: (380, 260, 70), grams: 1000, cents: 3999, everyday: false, sizes: [("1 set", 1)]),
        .init(name: "Jigsaw puzzle, 1000 pieces", category: .toys, mm: (350, 250, 60), grams: 700, cents: 1799, everyday: false, sizes: [("1 puzzle", 1)]),
        .init(name: "Family board game", category: .toys, mm: (400, 270, 70), grams: 1300, cents: 2499, everyday: false, sizes: [("1 game", 1)]),
        // Oversize
        .init(name: "65-inch 4K television", category: .oversize, mm: (1600, 950, 180), grams: 25000, cents: 59999, everyday: false, sizes: [("1 TV", 1)]),
        .init(name: "Queen memory foam mattress, boxed", category: .oversize, mm: (1080, 460, 460), grams: 30000, cents: 39999, everyday: false, sizes: [("1 mattress", 1)]),
        .init(name: "Office desk, 140 cm", category: .oversize, mm: (1500, 760, 150), grams: 32000, cents: 24999, everyday: false, sizes: [("1 desk", 1)]),
        .init(name: "Five-shelf bookcase", category: .oversize, mm: (1850, 420, 120), grams: 29000, cents: 12999, everyday: false, sizes: [("1 bookcase", 1)]),
        .init(name: "Charcoal grill, 56 cm kettle", category: .oversize, mm: (780, 600, 600), grams: 16000, cents: 16999, everyday: false, sizes: [("1 grill", 1)]),
        .init(name: "Adult bicycle, 27.5-inch", category: .oversize, mm: (1400, 750, 250), grams: 17000, cents: 44999, everyday: false, sizes: [("1 bicycle", 1)]),
        .init(name: "Area rug, 2.4 x 3 m", category: .oversize, mm: (2450, 300, 300), grams: 14000, cents: 18999, everyday: false, sizes: [("1 rug", 1)]),
        .init(name: "Stand mixer, 5.7 l", category: .oversize, mm: (520, 400, 380), grams: 12000, cents: 37999, everyday: false, sizes: [("1 mixer", 1)]),
    ]

    static let prefixes: [DemoCategory: String] = [
        .household: "HH", .personalCare: "PC", .baby: "BB", .pet: "PT", .pantry: "GR", .beverages: "BV", .chilled: "CH",
        .frozen: "FZ", .electronics: "EL", .home: "HK", .office: "OF", .toys: "TY", .oversize: "OV",
    ]

    /// `count` demo products: every template in each size under each brand (with numbered varieties once
    /// those run out), a seeded selection of them, with prices and sizes jittered per brand.
    /// SKUs are `<category prefix>-<5 digits>` (`HH-00042`), numbered by category and name.
    public static func products(count: Int, seed: UInt64) -> [DemoProduct] {
        var rng = SeededGenerator(seed: seed).stream("demo-catalog")
        let base = baseCombos
        var combos = base
        var variety = 1
        while combos.count < count {
            for i in 0..<base.count where combos.count < count {
                var c = combos[i]
                c.variety = variety
                combos.append(c)
            }
            variety += 1
        }
        // Seeded Fisher–Yates over the first `base` combos, so every category keeps its share; varieties follow.
        let order = shuffledBase(&rng)
        let chosen = (order + Array(base.count..<combos.count)).prefix(count).map { combos[$0] }

        var drafts: [(name: String, category: DemoCategory, item: CatalogItem, everyday: Bool, variety: Int)] = []
        for c in chosen {
            let t = templates[c.template]
            let (name, item) = draft(c, rng: &rng)
            drafts.append((name, t.category, item, t.everyday && c.variety == 0, c.variety))
        }
        let categoryOrder = DemoCategory.allCases
        drafts.sort { a, b in
            let ca = categoryOrder.firstIndex(of: a.category)!
            let cb = categoryOrder.firstIndex(of: b.category)!
            return ca != cb ? ca < cb : a.name < b.name
        }
        var numbers: [DemoCategory: Int] = [:]
        return drafts.map { d in
            let n = (numbers[d.category] ?? 0) + 1
            numbers[d.category] = n
            var item = d.item
            item.sku = sku(d.category, number: n)
            return DemoProduct(item: item, category: d.category, everyday: d.everyday, variety: d.variety)
        }
    }

    /// One product of a template: a size, a brand, and a variety number (0: the first; more once the
    /// template × size × brand combinations run out).
    struct Combo: Sendable {
        var template: Int
        var size: Int
        var brand: Int
        var variety: Int
    }

    /// Every template in each size under each brand, variety 0, in template order.
    static let baseCombos: [Combo] = templates.indices.flatMap { t in
        templates[t].sizes.indices.flatMap { s in
            brands.indices.map { b in Combo(template: t, size: s, brand: b, variety: 0) }
        }
    }

    /// A seeded Fisher–Yates order of `baseCombos`' indices.
    static func shuffledBase(_ rng: inout SeededGenerator) -> [Int] {
        var order = Array(baseCombos.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.int(in: 0...i)) }
        return order
    }

    /// The catalog row (without its SKU) of `c` and its name: the template's size, weight and price jittered per
    /// brand, its seller drawn (a quarter of non-grocery SKUs are third-party). Draws four or five numbers.
    static func draft(_ c: Combo, rng: inout SeededGenerator) -> (name: String, item: CatalogItem) {
        let t = templates[c.template]
        let (label, factor) = t.sizes[c.size]
        // "Paper towels" reads "Northfield paper towels"; acronyms and numbers keep their case ("USB-C", "AA").
        let second = t.name.dropFirst().first
        let lowered = second?.isLowercase == true ? t.name.prefix(1).lowercased() + t.name.dropFirst() : t.name
        var name = "\(brands[c.brand]) \(lowered), \(label)"
        if c.variety > 0 { name += " (variety \(c.variety + 1))" }
        let linear = factor > 1 ? cbrt(factor) : 1
        let brandFactor = 0.85 + 0.4 * rng.unit()
        let cents = Int((Double(t.cents) * pow(factor, 0.85) * brandFactor / 50).rounded()) * 50 - 1
        let weight = Int((Double(t.grams) * factor * (0.95 + 0.1 * rng.unit())).rounded())
        let dims = [t.mm.0, t.mm.1, t.mm.2].map { Int((Double($0) * linear).rounded()) }
        let thirdParty = rng.unit() < 0.25
        let seller: String
        switch t.category {
        case .chilled, .frozen, .pantry, .beverages: seller = "sameday"
        case .electronics: seller = thirdParty ? electronicsSeller : "sameday"
        default: seller = thirdParty ? sellers[rng.int(in: 0...(sellers.count - 1))] : "sameday"
        }
        let item = CatalogItem(
            sku: SKU(""), name: name, lengthMm: dims[0], widthMm: dims[1], heightMm: dims[2],
            weightG: max(1, weight), priceCents: max(99, cents), temperature: temperature(of: t.category),
            seller: seller)
        return (name, item)
    }

    /// `prefix-NNNNN`: the category's prefix and the number, zero-padded to `digits`.
    static func sku(_ category: DemoCategory, number: Int, digits: Int = 5) -> SKU {
        let text = String(number)
        return SKU(
            "\(prefixes[category] ?? "XX")-\(String(repeating: "0", count: max(0, digits - text.count)) + text)")
    }

    static func temperature(of category: DemoCategory) -> Temperature {
        switch category {
        case .chilled: return .chilled
        case .frozen: return .frozen
        default: return .ambient
        }
    }

    /// The catalog file's header: spec/promise.md's columns and the optional `seller`.
    public static let csvHeader = "sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature,seller\n"

    /// The catalog file (spec/promise.md, "Catalog and inventory files") with the optional `seller` column.
    public static func csv(_ products: [DemoProduct]) -> [UInt8] {
        var out = Array(csvHeader.utf8)
        for p in products { appendCSVLine(p.item, to: &out) }
        return out
    }

    /// Appends `item`'s catalog line (with its line end) to `out`.
    public static func appendCSVLine(_ item: CatalogItem, to out: inout [UInt8]) {
        let i = item
        let line =
            "\(i.sku),\(csvField(i.name)),\(i.lengthMm),\(i.widthMm),\(i.heightMm),\(i.weightG),"
            + "\(i.priceCents),\(i.temperature.rawValue),\(csvField(i.seller ?? ""))\n"
        out.append(contentsOf: line.utf8)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
