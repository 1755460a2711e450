/**
 * Where a connection GET's answer held the connection, as a path: `connections.connection[]` (the emulator's form),
 * `connections.connections.connection[]` (connection-get's table read literally: a root `connections` holding
 * `response` and a second `connections` holding `connection`, 1–n), `connections.connection`, or any other.
 */
export type ConnectionShape = string;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How deep the search goes: JOOR's nestings are two or three levels; this bounds a strange answer's cost. */
const MAX_DEPTH = 6;

/**
 * The connection in an answer of `GET /v2/connection/customer_code/{code}/`, whatever its nesting: the first object
 * (breadth first, so the shallowest) holding `customer_code`, the code asked for when given, with the path it was
 * found at, so that `joor-check` can say which nesting JOOR used.
 */
export const connectionOf = (
  body: unknown,
  customerCode?: string,
): { connection: Json; shape: ConnectionShape } | undefined => {
  let level: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  let fallback: { connection: Json; shape: ConnectionShape } | undefined;
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth += 1) {
    const next: typeof level = [];
    for (const { value, path } of level) {
      if (Array.isArray(value)) {
        for (const item of value) next.push({ value: item, path: `${path}[]` });
        continue;
      }
      if (!isObject(value)) continue;
      if (typeof value.customer_code === 'string') {
        const found = { connection: value, shape: path || '(the answer itself)' };
        if (customerCode === undefined || value.customer_code === customerCode) return found;
        fallback ??= found;
        continue;
      }
      for (const [key, inner] of Object.entries(value))
        next.push({ value: inner, path: path ? `${path}.${key}` : key });
    }
    level = next;
  }
  return fallback;
};
