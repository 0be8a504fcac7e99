import { buildShowroomConfig } from './buildShowroomConfig'
import { readEnv } from './env'

export default buildShowroomConfig(readEnv())
