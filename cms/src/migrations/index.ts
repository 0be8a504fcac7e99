import * as migration_20261121_080716_initial from './20261121_080716_initial';
import * as migration_20261121_082153_derived_slugs from './20261121_082153_derived_slugs';
import * as migration_20261121_092233_checkout from './20261121_092233_checkout';

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
    name: '20261121_092233_checkout'
  },
];
