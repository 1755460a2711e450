/** A count as every message and report shows it: with thousands separators ("9,812"). */
export const formatCount = (count: number): string => count.toLocaleString('en-US');

/** A count with its noun, singular or plural: "1 customer", "9,812 customers". */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatCount(count)} ${count === 1 ? one : many}`;
