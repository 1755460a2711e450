import { Readable } from 'node:stream';
import type { ByteSource } from '../../lambdas/core/reading/readRecords.js';

/** A byte source over text or bytes, cut into small chunks so that chunk boundaries fall inside rows and characters. */
export const sourceOf = (content: string | Uint8Array, chunkSize = 7): ByteSource => {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return () => {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
    return Readable.from(chunks);
  };
};
