/** Where a connection GET's answer held the connection: JOOR's documented nesting, or a shape we did not expect. */
export type ConnectionShape =
  | 'connections.connection[]'
  | 'connections.connection'
  | 'connections[]'
  | 'connection';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The connection in an answer of `GET /v2/connection/customer_code/{code}/`. JOOR's page nests it under
 * `connections` (connection-get), the resource's name as in every v2 envelope; the other shapes are read too, and
 * named, so that `joor-check` can say which one JOOR used.
 */
export const connectionOf = (body: unknown): { connection: Json; shape: ConnectionShape } | undefined => {
  if (!isObject(body)) return undefined;
  const { connections, connection } = body;
  if (isObject(connections)) {
    const inner = connections.connection;
    if (Array.isArray(inner) && isObject(inner[0]))
      return { connection: inner[0], shape: 'connections.connection[]' };
    if (isObject(inner)) return { connection: inner, shape: 'connections.connection' };
  }
  if (Array.isArray(connections) && isObject(connections[0]))
    return { connection: connections[0], shape: 'connections[]' };
  if (isObject(connection)) return { connection, shape: 'connection' };
  return undefined;
};
