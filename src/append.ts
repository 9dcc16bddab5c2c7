// Appends one array to another with a loop. `target.push(...items)` passes every item as an
// argument on the stack, and a sync of 140k entities overflowed it ("Maximum call stack size
// exceeded"): anything whose length grows with the catalog goes through here instead.

/** Appends each of `items` to `target`, whatever their number; returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
