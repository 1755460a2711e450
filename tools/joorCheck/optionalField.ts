/** `{ [key]: value }` when there is a value, `{}` otherwise: for spreading into an object that leaves absent fields out. */
export const optionalField = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
