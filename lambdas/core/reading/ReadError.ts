/** Why the bytes of a file could not be read as text at all. */
export class ReadError extends Error {
  constructor(
    readonly code: 'not_utf8' | 'undecodable' | 'binary',
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}
