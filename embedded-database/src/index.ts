export { type EmbeddedPostgres, type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embeddedPostgres'
export { freeLocalPort, portAccepts } from './processes'
