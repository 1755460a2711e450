import { type CheckLine, checkLine } from './CheckLine.js';

interface Leaf {
  /** The last key that is not an index: `warehouse_code`, `billing_city`. */
  name: string;
  path: string;
  value: string;
}

/** Every scalar of a JSON value with its path; arrays give `[i]` steps, their items keep the key's name. */
const leavesOf = (value: unknown, path = '', name = ''): Leaf[] => {
  if (Array.isArray(value)) return value.flatMap((item, k) => leavesOf(item, `${path}[${k}]`, name));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => leavesOf(item, path ? `${path}.${key}` : key, key));
  if (value === null || value === undefined) return [];
  return [{ name, path, value: String(value) }];
};

/**
 * Each field the pipeline sent against the connection JOOR gives back, matched by field name wherever JOOR nests it
 * (its GET nests warehouses as `warehouses › warehouse[]`, the POST takes a list): `ok` when JOOR holds the value
 * sent, `differs` when it holds another or none (a field JOOR dropped is one it does not know by that name).
 */
export const compareConnection = (sent: unknown, read: unknown): CheckLine[] => {
  const answered = leavesOf(read);
  const at = (leaf: Leaf, other: Leaf) =>
    other.path === leaf.path ? other.value : `${other.value} (at ${other.path})`;
  return leavesOf(sent).map((leaf) => {
    const check = `field ${leaf.name}`;
    const same = answered.filter((other) => other.name === leaf.name);
    const match = same.find((other) => other.value === leaf.value);
    if (match) return checkLine(check, leaf.value, at(leaf, match), 'ok');
    if (same.length > 0)
      return checkLine(check, leaf.value, same.map((other) => at(leaf, other)).join(', '), 'differs');
    return checkLine(check, leaf.value, `not in JOOR's answer (sent at ${leaf.path})`, 'differs');
  });
};
