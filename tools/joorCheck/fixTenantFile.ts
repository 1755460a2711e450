/** One property of a JSON object in the text: its key and where its value starts and ends. */
interface Property {
  key: string;
  /** Where the key's opening quote is. */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

const WHITESPACE = /\s/;

const skipSpace = (text: string, at: number): number => {
  let i = at;
  while (i < text.length && WHITESPACE.test(text[i]!)) i += 1;
  return i;
};

/** The index just past the JSON string starting at `at` (its opening quote). */
const skipString = (text: string, at: number): number => {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
};

/** The index just past the JSON value starting at `at`. */
const skipValue = (text: string, at: number): number => {
  if (text[at] === '"') return skipString(text, at);
  if (text[at] === '{' || text[at] === '[') {
    let depth = 0;
    let i = at;
    do {
      if (text[i] === '"') {
        i = skipString(text, i);
        continue;
      }
      if (text[i] === '{' || text[i] === '[') depth += 1;
      else if (text[i] === '}' || text[i] === ']') depth -= 1;
      i += 1;
    } while (depth > 0 && i < text.length);
    return i;
  }
  let i = at;
  while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i += 1;
  return i;
};

/** The properties of the object whose `{` is at `open`, and the index of its closing `}`. */
const propertiesOf = (text: string, open: number): { properties: Property[]; close: number } => {
  const properties: Property[] = [];
  let i = skipSpace(text, open + 1);
  while (text[i] !== '}') {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    properties.push({ key, keyStart, valueStart, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { properties, close: i };
};

const lineIndentAt = (text: string, at: number): string => {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
};

/**
 * Sets `joor.<key>` values in a tenant file's text, keeping every other byte as it was: a value present is replaced
 * where it stands, a missing key is added at the end of the `joor` block (made when there is none), indented as its
 * neighbours. The text must be a JSON object (the tenant schema has been checked before).
 */
export const setJoorSettings = (text: string, settings: Record<string, string | boolean>): string => {
  let result = text;
  for (const [key, value] of Object.entries(settings)) {
    const root = propertiesOf(result, skipSpace(result, 0));
    const joor = root.properties.find((p) => p.key === 'joor');
    const written = JSON.stringify(value);
    if (!joor) {
      const first = root.properties[0];
      const indent = first ? lineIndentAt(result, first.keyStart) : '  ';
      const at = first ? first.keyStart : root.close;
      const block = `"joor": { ${JSON.stringify(key)}: ${written} }${first ? `,\n${indent}` : ''}`;
      result = `${result.slice(0, at)}${block}${result.slice(at)}`;
      continue;
    }
    const inner = propertiesOf(result, joor.valueStart);
    const existing = inner.properties.find((p) => p.key === key);
    if (existing) {
      result = `${result.slice(0, existing.valueStart)}${written}${result.slice(existing.valueEnd)}`;
      continue;
    }
    const last = inner.properties.at(-1);
    if (!last) {
      result = `${result.slice(0, joor.valueStart)}{ ${JSON.stringify(key)}: ${written} }${result.slice(joor.valueEnd)}`;
      continue;
    }
    // On the same line as the last property when the block is on one line, else on a line of its own.
    const oneLine = !result.slice(joor.valueStart, joor.valueEnd).includes('\n');
    const separator = oneLine ? ', ' : `,\n${lineIndentAt(result, last.keyStart)}`;
    result = `${result.slice(0, last.valueEnd)}${separator}${JSON.stringify(key)}: ${written}${result.slice(last.valueEnd)}`;
  }
  return result;
};

/** A short diff of two texts: the lines between their common start and end, `-` before and `+` after. */
export const shortDiff = (before: string, after: string): string => {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end += 1;
  return [
    `@@ line ${start + 1} @@`,
    ...a.slice(start, a.length - end).map((line) => `-${line}`),
    ...b.slice(start, b.length - end).map((line) => `+${line}`),
  ].join('\n');
};
