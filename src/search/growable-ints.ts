// An append-only list of 32-bit integers in one typed array: millions of postings without
// millions of small JavaScript arrays for the garbage collector to walk.

export class GrowableInts {
  private data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(Math.max(16, initialCapacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const larger = new Int32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Grows to hold `length` values, the new ones set to `fill`. */
  resize(length: number, fill: number): void {
    while (this.length < length) this.push(fill);
  }
}
