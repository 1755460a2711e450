/** What the client reads of JOOR's bulk connection answers (v2 shape, SPEC §3; the error list is our assumption). */
export interface BulkJob {
  bulk_connections_job_id: number;
  status: 'queued' | 'started' | 'finished' | string;
  connection_record_count?: number;
  connection_record_progress?: number;
}

export interface RecordError {
  customer_code?: string;
  index?: number;
  field?: string;
  message?: string;
}

interface BulkAnswer {
  bulk_connections?: {
    response?: { code?: number; comment?: string; log_id?: string };
    bulk_connections_jobs?: BulkJob[];
    errors?: RecordError[];
  };
  errors?: { status?: number; message?: string; details?: unknown }[];
}

/**
 * The v2 envelope's own verdict: JOOR answers `response: { code, comment }` with code 0 for success, and may refuse
 * a request with HTTP 200 and a non-zero code (no job then). Undefined when the answer has no envelope code.
 */
export const envelopeCodeOf = (body: unknown): number | undefined => {
  const code = (body as BulkAnswer)?.bulk_connections?.response?.code;
  return typeof code === 'number' ? code : undefined;
};

export const jobsOf = (body: unknown): BulkJob[] =>
  (body as BulkAnswer)?.bulk_connections?.bulk_connections_jobs ?? [];

export const recordErrorsOf = (body: unknown): RecordError[] =>
  (body as BulkAnswer)?.bulk_connections?.errors ?? [];

/** JOOR's own words for a refusal, from a v2 (`response.comment`) or v4 (`errors[].message`) answer. */
export const commentOf = (body: unknown, status: number): string => {
  const answer = body as BulkAnswer;
  const words =
    answer?.bulk_connections?.response?.comment ?? answer?.errors?.map((e) => e.message).join('; ');
  if (words) return words;
  return typeof body === 'string' && body.length > 0
    ? body.slice(0, 500)
    : `HTTP ${status} without a message`;
};

export const recordErrorMessage = (error: RecordError): string =>
  [error.field, error.message].filter(Boolean).join(': ') || 'refused by JOOR without a message';
