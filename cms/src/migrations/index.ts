import * as migration_20261121_080716_initial from './20261121_080716_initial';

export const migrations = [
  {
    up: migration_20261121_080716_initial.up,
    down: migration_20261121_080716_initial.down,
    name: '20261121_080716_initial'
  },
];
