import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TenantConfig } from '../../lambdas/core/config/index.js';
import type { FileRefusal } from '../../lambdas/core/index.js';
import type { PlanSummary } from '../../lambdas/pipeline/index.js';
import { boundsFromEnvironment, upfrontRefusalOf } from '../../lambdas/pipeline/index.js';

/**
 * Why the splitter would refuse this file before reading it, by the splitter's own rule (`upfrontRefusalOf`): a
 * name over the platform's bound or one the tenant's `fileNamePattern` does not take, a size over the bound. The
 * bounds are `npm start`'s (the `BOUND_*` variables, else the defaults). `validate` and `plan` report it as the
 * splitter does, so that neither calls good a file the platform would not process (issue #33).
 */
export const refusalBeforeReading = async (
  file: string,
  tenant: TenantConfig,
): Promise<FileRefusal | undefined> =>
  upfrontRefusalOf(
    {
      name: basename(file),
      fileNamePattern: tenant.fileNamePattern,
      partial: false,
      bytes: (await stat(file)).size,
    },
    boundsFromEnvironment(),
  );

/**
 * The plan of a file the splitter refuses before reading: refused, and nothing compared or sent. Its rows and
 * rejected rows are kept, so that one look shows everything the ERP has to fix.
 */
export const refusedPlan = (summary: PlanSummary, refusal: FileRefusal): PlanSummary => {
  const { massChange: _massChange, ...rest } = summary;
  return {
    ...rest,
    status: 'refused',
    verdict: 'refused',
    refusal,
    counts: { ...summary.counts, new: 0, changed: 0, unchanged: 0, missing: 0 },
    new: [],
    changed: [],
    missing: [],
  };
};
