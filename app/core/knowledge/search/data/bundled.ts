import { fileURLToPath } from 'node:url'

/**
 * The word vectors shipped with the app (README.md beside this file says what they are).
 * Resolved from this module's own URL: in a Lambda bundle that is the bundle file, and
 * scripts/build.ts copies the table next to whichever output holds this module.
 */
const BUNDLED_WORD_VECTORS_NAME = 'glove-6b-100d.wvec'
export const BUNDLED_WORD_VECTORS = fileURLToPath(
  new URL(`./${BUNDLED_WORD_VECTORS_NAME}`, import.meta.url),
)
