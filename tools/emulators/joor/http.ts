import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EMULATOR_PROFILES, type EmulatorProfile } from './types.js';

export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

/** JOOR's v2 envelope: `response.code` (0 = success), `comment`, `log_id`. */
export const v2Answer = (code: number, comment: string, extra: Record<string, unknown> = {}) => ({
  bulk_connections: { response: { code, comment, log_id: randomUUID() }, ...extra },
});

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** `JOOR_EMULATOR_LATENCY_MS`: `20` or `5-40` (milliseconds). */
/**
 * Reads `JOOR_EMULATOR_JOB_MS`: how long a bulk job takes, `<ms>` or `<ms>,<ms per record>` (JOOR's jobs take
 * seconds to minutes; the emulator's default is 50 ms and 1 ms a record).
 */
export const parseJobTime = (
  text: string | undefined,
): { baseMs: number; perRecordMs: number } | undefined => {
  if (!text) return undefined;
  const [baseMs, perRecordMs = 0] = text.split(',').map(Number);
  if (!Number.isFinite(baseMs) || !Number.isFinite(perRecordMs) || baseMs! < 0 || perRecordMs < 0)
    throw new Error(`JOOR_EMULATOR_JOB_MS: expected "5000" or "5000,2", not "${text}"`);
  return { baseMs: baseMs!, perRecordMs };
};

/** Reads `JOOR_EMULATOR_PROFILE` (see EMULATOR_PROFILES); `documented` when unset. */
export const parseProfile = (text: string | undefined): EmulatorProfile => {
  if (!text) return 'documented';
  if (!(EMULATOR_PROFILES as readonly string[]).includes(text))
    throw new Error(`JOOR_EMULATOR_PROFILE: one of ${EMULATOR_PROFILES.join(', ')}, not "${text}"`);
  return text as EmulatorProfile;
};

export const parseLatency = (text: string | undefined): { min: number; max: number } => {
  if (!text) return { min: 0, max: 0 };
  const [min, max = min] = text.split('-').map(Number);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min! < 0 || max! < min!) {
    throw new Error(`JOOR_EMULATOR_LATENCY_MS: expected "20" or "5-40", not "${text}"`);
  }
  return { min: min!, max: max! };
};
