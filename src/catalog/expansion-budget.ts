// How large a catalog file may become once read. YAML aliases are shared by reference when
// loaded, but everything after (placeholders, validation, hashing, the database) walks them as
// copies: 72 aliases can stand for 9⁹ values. One budget per file counts every value as it would
// be expanded, for its YAML documents and for what its placeholders bring in alike.

interface ExpansionLimits {
  /** Values (scalars, sequences, mappings) once every alias is expanded. */
  nodes: number;
  /** Characters of strings and mapping keys, once expanded. */
  chars: number;
  /** Nesting, once expanded (aliases can nest what js-yaml's maxDepth allowed inside each other). */
  depth: number;
}

/**
 * A literal 1 MiB file holds far fewer values and characters than this; only aliases and
 * placeholders reach these figures, and a file at the limit still fits in a few tens of MB.
 */
const EXPANSION_LIMITS: Readonly<ExpansionLimits> = { nodes: 250_000, chars: 4 * 1024 * 1024, depth: 100 };

/** The file size EXPANSION_LIMITS are set for. */
const BUDGETED_BYTES = 1024 * 1024;

/**
 * The budget of a file of `bytes`: EXPANSION_LIMITS up to 1 MiB, and as much again for every
 * further MiB, so that a large literal file (a 5 MB HR export) fits while what it may expand to
 * stays a fixed multiple of what it is written with. Depth never grows.
 */
export function expansionLimitsFor(bytes: number): Readonly<ExpansionLimits> {
  if (bytes <= BUDGETED_BYTES) return EXPANSION_LIMITS;
  const scale = bytes / BUDGETED_BYTES;
  return {
    nodes: Math.ceil(EXPANSION_LIMITS.nodes * scale),
    chars: Math.ceil(EXPANSION_LIMITS.chars * scale),
    depth: EXPANSION_LIMITS.depth,
  };
}

interface Size {
  nodes: number;
  chars: number;
  height: number;
}

type Measured = Size | { refused: string };

export class ExpansionBudget {
  private nodes = 0;
  private chars = 0;

  constructor(readonly limits: Readonly<ExpansionLimits> = EXPANSION_LIMITS) {}

  /**
   * Counts `value` as if expanded and, when it fits in what is left, charges it. Returns why it
   * does not fit, or undefined. Shared subtrees are measured once, so a bomb costs what it is
   * written with, not what it stands for.
   */
  charge(value: unknown): string | undefined {
    const left = { nodes: this.limits.nodes - this.nodes, chars: this.limits.chars - this.chars };
    const measured = new Measurer(left, this.limits).measure(value, 0);
    if ('refused' in measured) return measured.refused;
    this.nodes += measured.nodes;
    this.chars += measured.chars;
    return undefined;
  }
}

class Measurer {
  /** Sizes of the collections measured so far: an alias is the same object again. */
  private readonly sizes = new Map<object, Size>();
  /** Collections being measured: meeting one again inside itself is a cycle. */
  private readonly open = new Set<object>();

  constructor(
    private readonly left: { nodes: number; chars: number },
    private readonly limits: Readonly<ExpansionLimits>,
  ) {}

  measure(value: unknown, depth: number): Measured {
    if (typeof value === 'string') return this.fits({ nodes: 1, chars: value.length, height: 0 }, depth);
    if (value === null || typeof value !== 'object') return this.fits({ nodes: 1, chars: 0, height: 0 }, depth);
    const known = this.sizes.get(value);
    if (known) return this.fits(known, depth);
    // js-yaml lets an alias point into the node that anchors it: such a value has no end.
    if (this.open.has(value)) return { refused: 'an alias refers to a value that contains it, so it never ends' };
    this.open.add(value);
    const total: Size = { nodes: 1, chars: 0, height: 0 };
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) for (const key of Object.keys(value)) total.chars += key.length;
    for (const child of children) {
      const size = this.measure(child, depth + 1);
      if ('refused' in size) return size;
      total.nodes += size.nodes;
      total.chars += size.chars;
      total.height = Math.max(total.height, size.height + 1);
      const over = this.fits(total, depth);
      if ('refused' in over) return over;
    }
    this.open.delete(value);
    this.sizes.set(value, total);
    return total;
  }

  private fits(size: Size, depth: number): Measured {
    const { limits, left } = this;
    const expanded = 'once its aliases and placeholders are expanded (the limit for one file)';
    if (size.nodes > left.nodes) return { refused: `it expands to more than ${limits.nodes} values ${expanded}` };
    if (size.chars > left.chars) return { refused: `it expands to more than ${limits.chars} characters ${expanded}` };
    if (depth + size.height > limits.depth) {
      return { refused: `it nests deeper than ${limits.depth} levels once its aliases are expanded` };
    }
    return size;
  }
}
