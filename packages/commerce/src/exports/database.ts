/** The Postgres handles the plugin's raw SQL uses, for the host's own checks and scripts on the same pool. */
export { poolSql, postgresCodeOf, type Sql, type SQL } from '../database'
export { analyzeDatabase } from '../analyzeDatabase'
