// The package ships these types, but its package.json "exports" hides them from NodeNext resolution.
declare module 'windows-1252' {
  export function decode(
    buffer: Uint16Array | Uint8Array | Buffer | string,
    options?: { mode: 'fatal' | 'replacement' },
  ): string;
  export function encode(text: string, options?: { mode: 'fatal' | 'replacement' }): Uint16Array;
}
