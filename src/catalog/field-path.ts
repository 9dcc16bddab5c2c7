// Field paths as a catalog author reads them: `metadata.tags[0]`, `spec.steps[2].action`.

/** Appends a property name or a list index to a field path. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Turns a JSON pointer relative to `base` (as ajv reports it, e.g. `/steps/0/action`) into a field path. */
export function pointerToPath(base: string, pointer: string): string {
  if (!pointer) return base;
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, segment) => childPath(path, /^\d+$/.test(segment) ? Number(segment) : segment), base);
}
