// The functions an expression may call by name: nunjucks' `range`, bounded so that a template
// cannot make a list big enough to exhaust memory.

type GlobalFunction = (args: unknown[]) => unknown;

/** The most items `range()` makes; a skeleton that needs more is refused with this number. */
const MAX_RANGE = 10_000;

function range([start, stop, step]: unknown[]): number[] {
  // nunjucks: range(stop), range(start, stop), range(start, stop, step); a step of 0 counts as 1.
  let from = Number(start);
  let to = Number(stop);
  let by = Number(step);
  if (stop === undefined) {
    to = from;
    from = 0;
    by = 1;
  } else if (!by) {
    by = 1;
  }
  const count = Math.max(0, Math.ceil((to - from) / by));
  if (!Number.isFinite(count) || count > MAX_RANGE) {
    throw new RangeError(
      `range(${[start, stop, step].filter((a) => a !== undefined).join(', ')}) would make more than ${MAX_RANGE} items`,
    );
  }
  const out: number[] = [];
  if (by > 0) for (let i = from; i < to; i += by) out.push(i);
  else for (let i = from; i > to; i += by) out.push(i);
  return out;
}

const FUNCTIONS: Record<string, GlobalFunction> = { range };

export const KNOWN_FUNCTIONS = new Set(Object.keys(FUNCTIONS));

export function callFunction(name: string, args: unknown[]): unknown {
  if (!Object.hasOwn(FUNCTIONS, name)) throw new TypeError(`"${name}()" cannot be called`);
  return FUNCTIONS[name](args);
}
