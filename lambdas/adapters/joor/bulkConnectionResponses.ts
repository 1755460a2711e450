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
  /** The v2 envelope at the root, as JOOR answers some refusals (a 404 for a job it does not know). */
  response?: { code?: number; comment?: string };
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

/** Whether an answer is in JOOR's v2 envelope for bulk connections at all (an HTML page from a proxy is not). */
export const isBulkAnswer = (body: unknown): boolean => {
  const envelope = (body as BulkAnswer | undefined)?.bulk_connections;
  return typeof envelope === 'object' && envelope !== null;
};

/** Characters of an answer that is not JOOR's kept in a report: enough to recognise it, not a page of it. */
const QUOTE_CHARS = 160;

/**
 * An answer that is not JOOR's, quoted for the report: its HTTP status and its first characters, white space
 * collapsed.
 *
 * @example
 * quoteAnswer('<html>\n<body>Maintenance</body></html>', 200); // 'HTTP 200: "<html> <body>Maintenance</body></html>"'
 */
export const quoteAnswer = (body: unknown, status: number): string => {
  if (body === undefined) return `HTTP ${status} with an empty body`;
  const text = (typeof body === 'string' ? body : JSON.stringify(body)).replace(/\s+/g, ' ').trim();
  const cut = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
  return `HTTP ${status}: "${cut}"`;
};

/** JOOR's documented statuses of a job on its way (bulk-connection-job-get lists queued, started and finished). */
const IN_PROGRESS = new Set(['queued', 'started']);
/** Statuses JOOR's pages do not list, but that it reports for a job it gave up on (seen in practice). */
const GIVEN_UP = new Set(['failed', 'error']);

/**
 * What a job's status word means: `finished`; `running` (queued or started); `failed` (failed or error); or
 * `undocumented`: any other word, which is no failure (nothing says the job will not finish) and is asked again.
 */
export const jobStatusKindOf = (status: string): 'finished' | 'running' | 'failed' | 'undocumented' => {
  const word = status.trim().toLowerCase();
  if (word === 'finished') return 'finished';
  if (IN_PROGRESS.has(word)) return 'running';
  if (GIVEN_UP.has(word)) return 'failed';
  return 'undocumented';
};

export const jobsOf = (body: unknown): BulkJob[] =>
  (body as BulkAnswer)?.bulk_connections?.bulk_connections_jobs ?? [];

export const recordErrorsOf = (body: unknown): RecordError[] =>
  (body as BulkAnswer)?.bulk_connections?.errors ?? [];

/** JOOR's own words for a refusal, from a v2 (`response.comment`, in the envelope or at the root) or v4 answer. */
export const commentOf = (body: unknown, status: number): string => {
  const answer = body as BulkAnswer;
  const words =
    answer?.bulk_connections?.response?.comment ??
    answer?.response?.comment ??
    answer?.errors?.map((e) => e.message).join('; ');
  if (words) return words;
  return typeof body === 'string' && body.length > 0
    ? body.slice(0, 500)
    : `HTTP ${status} without a message`;
};

export const recordErrorMessage = (error: RecordError): string =>
  [error.field, error.message].filter(Boolean).join(': ') || 'refused by JOOR without a message';
