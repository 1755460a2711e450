/**
 * A list of numbers in one typed array: 4 bytes an entry as 32-bit integers (the default) or 8 as doubles, where a
 * plain array costs 8 or more and is another object for the GC to trace.
 */
export class GrowableNumberArray {
  private data: Int32Array | Float64Array;
  length = 0;

  constructor(
    private readonly kind: 'int32' | 'float64' = 'int32',
    initialCapacity = 1024,
  ) {
    this.data = this.allocate(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = this.allocate(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }

  private allocate(size: number): Int32Array | Float64Array {
    return this.kind === 'int32' ? new Int32Array(size) : new Float64Array(size);
  }
}
