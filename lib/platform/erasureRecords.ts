/**
 * How long a record of an erasure (`erasures/<tenant>/…`, counts and keyed digests of the codes) is kept: three years,
 * the usual time within which a data subject or an authority may ask whether an erasure was done. The bucket's
 * lifecycle expires the records then, and each record carries the date (`retainUntil`). Plain values, no CDK, so that
 * the tools can share them.
 */
export const ERASURE_RECORD_DAYS = 1_095;

/** The platform stack's output naming the secret under which erasure records key their digests of the codes. */
export const ERASURE_SECRET_OUTPUT = 'ErasureSecretArn';
