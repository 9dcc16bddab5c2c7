// Which kinds a location may declare: Backstage's catalog rules (`catalog.rules`), with its
// defaults and meaning. A rule allows kinds (optionally only of one `spec.type`), everywhere or
// only at the locations it names (`type` plus an `exact` target or a glob `pattern`). An entity is
// let in when some rule matching its location allows it. By default a location may declare
// Components, APIs and Locations only: Users and Groups, which decide who may approve and create,
// come from trusted sources (see src/sync/rule-location.ts), never from anyone's repository.
import picomatch from 'picomatch';
import { z } from 'zod';

export interface CatalogRule {
  allow: Array<{ kind: string; specType?: string }>;
  /** Undefined: every location. */
  locations?: Array<{ type: string; exact?: string; pattern?: string }>;
}

/** Where an entity was read, as Backstage names a location: `url` and the file's URL, or `file` and its path. */
export interface RuleLocation {
  type: string;
  target: string;
}

/** Backstage's DefaultCatalogRulesEnforcer.defaultRules. */
const DEFAULT_CATALOG_RULES: readonly CatalogRule[] = [
  { allow: ['Component', 'API', 'Location'].map((kind) => ({ kind })) },
];

const allowSchema = z.array(
  z.union([z.string().min(1), z.object({ kind: z.string().min(1), 'spec.type': z.string().optional() }).strict()]),
  { error: 'allow must be a list of kinds' },
);

const locationSchema = z
  .object({ type: z.string().min(1), exact: z.string().optional(), pattern: z.string().optional() })
  .strict()
  .refine((l) => !(l.exact && l.pattern), 'a rule location cannot have both exact and pattern');

const rulesSchema = z.array(z.object({ allow: allowSchema, locations: z.array(locationSchema).optional() }).strict(), {
  error: 'must be a list of rules, each with an allow list',
});

/** Reads rules in Backstage's shape (a parsed YAML or JSON value); throws a message naming what is wrong. */
export function readCatalogRules(value: unknown): CatalogRule[] {
  const parsed = rulesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new Error(`${issue.message}${where}`);
  }
  return parsed.data.map((rule) => ({
    allow: rule.allow.map((a) => (typeof a === 'string' ? { kind: a } : { kind: a.kind, specType: a['spec.type'] })),
    ...(rule.locations ? { locations: rule.locations } : {}),
  }));
}

export class CatalogRules {
  private readonly matchers: Array<{ rule: CatalogRule; locations?: Array<(l: RuleLocation) => boolean> }>;

  constructor(readonly rules: readonly CatalogRule[] = DEFAULT_CATALOG_RULES) {
    this.matchers = rules.map((rule) => ({
      rule,
      locations: rule.locations?.map((m) => {
        const pattern = m.pattern ? picomatch(m.pattern, { nocase: true, dot: true }) : undefined;
        return (l: RuleLocation) =>
          m.type === l.type && (!m.exact || m.exact === l.target) && (!pattern || pattern(l.target));
      }),
    }));
  }

  /** Whether an entity of this kind (and spec.type) may come from this location. */
  isAllowed(entity: { kind: string; spec?: Record<string, unknown> }, location: RuleLocation): boolean {
    const kind = entity.kind.toLowerCase();
    return this.rulesAt(location).some((rule) =>
      rule.allow.some((a) => a.kind.toLowerCase() === kind && (!a.specType || a.specType === entity.spec?.type)),
    );
  }

  /** Whether some rule at this location allows the kind at all (whatever its spec.type). */
  allowsKind(kind: string, location: RuleLocation): boolean {
    const lower = kind.toLowerCase();
    return this.rulesAt(location).some((rule) => rule.allow.some((a) => a.kind.toLowerCase() === lower));
  }

  /** The kinds allowed at this location, for a problem line. */
  allowedKinds(location: RuleLocation): string[] {
    const kinds = this.rulesAt(location).flatMap((rule) =>
      rule.allow.map((a) => (a.specType ? `${a.kind} (spec.type ${a.specType})` : a.kind)),
    );
    return [...new Set(kinds)];
  }

  private rulesAt(location: RuleLocation): CatalogRule[] {
    return this.matchers.filter((m) => !m.locations || m.locations.some((match) => match(location))).map((m) => m.rule);
  }
}
