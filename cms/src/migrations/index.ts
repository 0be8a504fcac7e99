import * as migration_20261121_080716_initial from './20261121_080716_initial';
import * as migration_20261121_082153_derived_slugs from './20261121_082153_derived_slugs';
import * as migration_20261121_092233_checkout from './20261121_092233_checkout';
import * as migration_20261121_102840_saved_cart_description_search from './20261121_102840_saved_cart_description_search';
import * as migration_20261121_111121_webhooks from './20261121_111121_webhooks';
import * as migration_20261121_111742_media_object_storage from './20261121_111742_media_object_storage';
import * as migration_20261121_124158_webhook_retry_rounds from './20261121_124158_webhook_retry_rounds';
import * as migration_20261203_150549_unpaid_order_hold from './20261203_150549_unpaid_order_hold';
import * as migration_20261203_152238_stock_ledger from './20261203_152238_stock_ledger';
import * as migration_20261203_153330_money_path from './20261203_153330_money_path';
import * as migration_20261203_153428_variant_image from './20261203_153428_variant_image';
import * as migration_20261204_181253_product_search from './20261204_181253_product_search';
import * as migration_20261204_185411_catalogue_listing from './20261204_185411_catalogue_listing';
import * as migration_20261206_212000_search_version from './20261206_212000_search_version';
import * as migration_20261206_214500_search_stock_flips from './20261206_214500_search_stock_flips';
import * as migration_20261207_025053_security_lockout from './20261207_025053_security_lockout';
import * as migration_20261207_043407_dashboard_low_stock from './20261207_043407_dashboard_low_stock';
import * as migration_20261207_044609_order_tracking from './20261207_044609_order_tracking';
import * as migration_20261207_053448_audit_trail from './20261207_053448_audit_trail';
import * as migration_20261207_053601_product_csv_import from './20261207_053601_product_csv_import';
import * as migration_20261207_081736_promotions from './20261207_081736_promotions';
import * as migration_20261207_081844_pricing_tax_shipping_zones_currencies from './20261207_081844_pricing_tax_shipping_zones_currencies';
import * as migration_20261207_081959_order_refunds_and_returns from './20261207_081959_order_refunds_and_returns';
import * as migration_20261207_121202_cancel_payment_task from './20261207_121202_cancel_payment_task';
import * as migration_20261207_122500_localization from './20261207_122500_localization';
import * as migration_20261207_152120_shipping_method_labels_localized from './20261207_152120_shipping_method_labels_localized';
import * as migration_20261207_180732_tax_classes from './20261207_180732_tax_classes';

export const migrations = [
  {
    up: migration_20261121_080716_initial.up,
    down: migration_20261121_080716_initial.down,
    name: '20261121_080716_initial',
  },
  {
    up: migration_20261121_082153_derived_slugs.up,
    down: migration_20261121_082153_derived_slugs.down,
    name: '20261121_082153_derived_slugs',
  },
  {
    up: migration_20261121_092233_checkout.up,
    down: migration_20261121_092233_checkout.down,
    name: '20261121_092233_checkout',
  },
  {
    up: migration_20261121_102840_saved_cart_description_search.up,
    down: migration_20261121_102840_saved_cart_description_search.down,
    name: '20261121_102840_saved_cart_description_search',
  },
  {
    up: migration_20261121_111121_webhooks.up,
    down: migration_20261121_111121_webhooks.down,
    name: '20261121_111121_webhooks',
  },
  {
    up: migration_20261121_111742_media_object_storage.up,
    down: migration_20261121_111742_media_object_storage.down,
    name: '20261121_111742_media_object_storage',
  },
  {
    up: migration_20261121_124158_webhook_retry_rounds.up,
    down: migration_20261121_124158_webhook_retry_rounds.down,
    name: '20261121_124158_webhook_retry_rounds',
  },
  {
    up: migration_20261203_150549_unpaid_order_hold.up,
    down: migration_20261203_150549_unpaid_order_hold.down,
    name: '20261203_150549_unpaid_order_hold',
  },
  {
    up: migration_20261203_152238_stock_ledger.up,
    down: migration_20261203_152238_stock_ledger.down,
    name: '20261203_152238_stock_ledger',
  },
  {
    up: migration_20261203_153330_money_path.up,
    down: migration_20261203_153330_money_path.down,
    name: '20261203_153330_money_path',
  },
  {
    up: migration_20261203_153428_variant_image.up,
    down: migration_20261203_153428_variant_image.down,
    name: '20261203_153428_variant_image',
  },
  {
    up: migration_20261204_181253_product_search.up,
    down: migration_20261204_181253_product_search.down,
    name: '20261204_181253_product_search',
  },
  {
    up: migration_20261204_185411_catalogue_listing.up,
    down: migration_20261204_185411_catalogue_listing.down,
    name: '20261204_185411_catalogue_listing',
  },
  {
    up: migration_20261206_212000_search_version.up,
    down: migration_20261206_212000_search_version.down,
    name: '20261206_212000_search_version',
  },
  {
    up: migration_20261206_214500_search_stock_flips.up,
    down: migration_20261206_214500_search_stock_flips.down,
    name: '20261206_214500_search_stock_flips',
  },
  {
    up: migration_20261207_025053_security_lockout.up,
    down: migration_20261207_025053_security_lockout.down,
    name: '20261207_025053_security_lockout',
  },
  {
    up: migration_20261207_043407_dashboard_low_stock.up,
    down: migration_20261207_043407_dashboard_low_stock.down,
    name: '20261207_043407_dashboard_low_stock',
  },
  {
    up: migration_20261207_044609_order_tracking.up,
    down: migration_20261207_044609_order_tracking.down,
    name: '20261207_044609_order_tracking',
  },
  {
    up: migration_20261207_053448_audit_trail.up,
    down: migration_20261207_053448_audit_trail.down,
    name: '20261207_053448_audit_trail',
  },
  {
    up: migration_20261207_053601_product_csv_import.up,
    down: migration_20261207_053601_product_csv_import.down,
    name: '20261207_053601_product_csv_import',
  },
  {
    up: migration_20261207_081736_promotions.up,
    down: migration_20261207_081736_promotions.down,
    name: '20261207_081736_promotions',
  },
  {
    up: migration_20261207_081844_pricing_tax_shipping_zones_currencies.up,
    down: migration_20261207_081844_pricing_tax_shipping_zones_currencies.down,
    name: '20261207_081844_pricing_tax_shipping_zones_currencies',
  },
  {
    up: migration_20261207_081959_order_refunds_and_returns.up,
    down: migration_20261207_081959_order_refunds_and_returns.down,
    name: '20261207_081959_order_refunds_and_returns',
  },
  {
    up: migration_20261207_121202_cancel_payment_task.up,
    down: migration_20261207_121202_cancel_payment_task.down,
    name: '20261207_121202_cancel_payment_task',
  },
  {
    up: migration_20261207_122500_localization.up,
    down: migration_20261207_122500_localization.down,
    name: '20261207_122500_localization',
  },
  {
    up: migration_20261207_152120_shipping_method_labels_localized.up,
    down: migration_20261207_152120_shipping_method_labels_localized.down,
    name: '20261207_152120_shipping_method_labels_localized',
  },
  {
    up: migration_20261207_180732_tax_classes.up,
    down: migration_20261207_180732_tax_classes.down,
    name: '20261207_180732_tax_classes'
  },
];
