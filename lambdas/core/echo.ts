import { formatCount } from './formatCount.js';
/**
 * Longest value quoted back to a person (in a problem, the report, the CSV, the email). A 5 MB value echoed whole
 * made a 15 MB email and, repeated into every problem of its customer, one that SES refused (issue #11).
 */
export const MAX_ECHO_CHARS = 200;

/** Longest problem message: a message names values and lines, never a file's worth of them. */
export const MAX_MESSAGE_CHARS = 1_000;

/**
 * A value cut to at most `max` characters (code points, never half a surrogate pair), with a marker that says how
 * long it was, so a reader knows it was cut.
 */
export const boundEcho = (value: string, max = MAX_ECHO_CHARS): string => {
  if (value.length <= max) return value;
  const points = Array.from(value.slice(0, max * 2));
  const total = value.length > max * 2 ? countCodePoints(value) : points.length;
  if (total <= max) return value;
  return `${points.slice(0, max).join('')}… (${formatCount(total)} characters in all)`;
};

const countCodePoints = (value: string): number => {
  let count = 0;
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < value.length) {
      const next = value.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) at += 1;
    }
    count += 1;
  }
  return count;
};
