import type { CanonicalField } from '../../../lambdas/core/index.js';

/** One language's or one ERP's names for the canonical fields, compared by `words` (case, accents, punctuation aside). */
export type Vocabulary = Partial<Record<CanonicalField, readonly string[]>>;
