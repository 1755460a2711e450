import type * as v from 'valibot';

/** The keys of a type, of every member of a union. */
type KeysOf<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type Present<T> = Exclude<T, undefined | null>;
type Joined<Path extends string, K extends string> = Path extends '' ? K : `${Path}.${K}`;

/**
 * The keys one side has and the other lacks, at the top and inside nested objects and arrays, as dotted paths
 * (`never` when the two agree).
 */
type Drift<S, T, Path extends string = ''> = [Present<S>, Present<T>] extends [
  readonly (infer SE)[],
  readonly (infer TE)[],
]
  ? Drift<SE, TE, `${Path}[]`>
  : [Present<S>, Present<T>] extends [object, object]
    ?
        | Joined<Path, Exclude<KeysOf<Present<S>>, KeysOf<Present<T>>> & string>
        | Joined<Path, Exclude<KeysOf<Present<T>>, KeysOf<Present<S>>> & string>
        | {
            [K in KeysOf<Present<S>> & KeysOf<Present<T>> & string]: Drift<
              ValueAt<Present<S>, K>,
              ValueAt<Present<T>, K>,
              Joined<Path, K>
            >;
          }[KeysOf<Present<S>> & KeysOf<Present<T>> & string]
    : never;

/**
 * A schema as the interface `T` it parses to. Typing a schema `v.GenericSchema<unknown, T>` only asks its output to
 * fit `T`, and an output without one of `T`'s optional fields fits: the field would type-check and be dropped on
 * every read. Here the keys are compared both ways too, and a schema that leaves one out (or adds one) does not
 * compile, its error naming the keys (`drift: "n.y"`).
 *
 * @example
 * const FileRefSchema = schemaOf<FileRef>()(v.object(fileRefEntries));
 */
export const schemaOf =
  <T>() =>
  <S extends v.GenericSchema<unknown, T>>(
    schema: S &
      ([Drift<v.InferOutput<S>, T>] extends [never] ? unknown : { drift: Drift<v.InferOutput<S>, T> }),
  ): v.GenericSchema<unknown, T> =>
    schema;
