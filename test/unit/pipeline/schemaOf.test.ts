import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { schemaOf } from '../../../lambdas/pipeline/schemaOf.js';

interface Shape {
  name: string;
  note?: string;
  inner: { code: string; label?: string };
  items: { id: number; extra?: string }[];
}

const full = {
  name: v.string(),
  note: v.optional(v.string()),
  inner: v.object({ code: v.string(), label: v.optional(v.string()) }),
  items: v.array(v.object({ id: v.number(), extra: v.optional(v.string()) })),
};

/*
 * `npm run check` type-checks this file: each @ts-expect-error below fails it when schemaOf lets the drift through,
 * so the compile-time rule is held as the others are.
 */
describe('schemaOf', () => {
  it('takes a schema with every key of its interface, and parses with it (unknown keys dropped)', () => {
    const schema = schemaOf<Shape>()(v.object(full));
    const value = { name: 'a', inner: { code: 'c' }, items: [{ id: 1 }] };
    expect(v.parse(schema, { ...value, stray: true })).toEqual(value);
  });

  it('does not compile a schema that leaves out an optional field (dropped on every read) or adds one', () => {
    const { note: _note, ...withoutNote } = full;
    // What the rule is for: a plain valibot schema without `note` type-checks as v.GenericSchema<unknown, Shape>,
    // and every read drops the field.
    const plain: v.GenericSchema<unknown, Shape> = v.object(withoutNote);
    expect(v.parse(plain, { name: 'a', note: 'kept?', inner: { code: 'c' }, items: [] })).not.toHaveProperty(
      'note',
    );
    // @ts-expect-error drift: "note"
    schemaOf<Shape>()(v.object(withoutNote));
    // @ts-expect-error drift: "inner.label"
    schemaOf<Shape>()(v.object({ ...full, inner: v.object({ code: v.string() }) }));
    // @ts-expect-error drift: "items[].extra"
    schemaOf<Shape>()(v.object({ ...full, items: v.array(v.object({ id: v.number() })) }));
    // @ts-expect-error drift: "more"
    schemaOf<Shape>()(v.object({ ...full, more: v.optional(v.string()) }));
  });
});
