/** A problem with one field of a row, before the row's line and customer are attached. */
export interface Problem {
  field: string;
  value?: string;
  code: string;
  message: string;
}
