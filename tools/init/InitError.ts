/** Why `init` cannot read a file at all (exit 2): missing, empty, binary, or not delimited text. */
export class InitError extends Error {
  override name = 'InitError';
}
