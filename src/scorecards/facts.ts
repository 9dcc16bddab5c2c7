// Every fact a scorecard rule may read: its name, where it comes from and what it costs to know.
// A rule naming any other fact is refused when the scorecard is read. The names Backstage's own
// fact retrievers use (hasGroupOwner, hasTitle, hasDescription, hasTags, the TechDocs annotation)
// mean the same here, so a Tech Insights check pasted unchanged scores.

/** Where a fact comes from: the catalog (free), GitHub (GraphQL, batched), the on-call provider. */
export type FactSource = 'catalog' | 'github' | 'oncall';

interface FactDefinition {
  name: string;
  source: FactSource;
  type: 'boolean' | 'number' | 'string' | 'string[]' | 'object';
  description: string;
  /** What knowing it costs, for docs/scorecards.md. */
  cost: string;
}

const CATALOG = 'free: read from the catalog Callboard holds';
const GITHUB =
  'one GraphQL query (1 point) per 50 repositories at a full refresh, 20 per 1,000; one query per webhook that concerns the repository';
const ONCALL =
  'one provider request per escalation policy or schedule, cached; asked in the background, never waited for';

function catalog(name: string, type: FactDefinition['type'], description: string): FactDefinition {
  return { name, source: 'catalog', type, description, cost: CATALOG };
}

function github(name: string, type: FactDefinition['type'], description: string): FactDefinition {
  return { name, source: 'github', type, description, cost: GITHUB };
}

export const FACTS: readonly FactDefinition[] = [
  catalog('hasOwner', 'boolean', '`spec.owner` is set'),
  catalog('hasGroupOwner', 'boolean', '`spec.owner` is set and names a Group (as Backstage reads it)'),
  catalog('ownerInCatalog', 'boolean', 'the owner is an entity the catalog holds'),
  catalog('groupMemberCount', 'number', 'how many people the owning Group has (0 when the owner is not a Group)'),
  catalog(
    'ownerHasSlackChannel',
    'boolean',
    'the owner has a `slack.com/channel` or `slack.com/channel-id` annotation',
  ),
  catalog('hasTitle', 'boolean', '`metadata.title` is set'),
  catalog('hasDescription', 'boolean', '`metadata.description` is set'),
  catalog('hasTags', 'boolean', '`metadata.tags` has at least one tag'),
  catalog('tags', 'string[]', '`metadata.tags`'),
  catalog('lifecycle', 'string', '`spec.lifecycle` (empty when unset)'),
  catalog('hasLifecycle', 'boolean', '`spec.lifecycle` is set'),
  catalog('hasSystem', 'boolean', '`spec.system` is set'),
  catalog('docLinkCount', 'number', 'links in `metadata.links` plus a TechDocs annotation'),
  catalog('hasAnnotationBackstageIoTechdocsRef', 'boolean', 'the `backstage.io/techdocs-ref` annotation is set'),
  catalog('hasAnnotationBackstageIoTechdocsEntity', 'boolean', 'the `backstage.io/techdocs-entity` annotation is set'),
  catalog('hasRunbookLink', 'boolean', 'a link in `metadata.links` whose title, type or URL says runbook'),
  catalog(
    'hasOnCallAnnotation',
    'boolean',
    'the entity or its owner names a PagerDuty service, integration key or escalation policy, or an Opsgenie team',
  ),
  catalog('hasApiDefinition', 'boolean', 'an API whose `spec.definition` is not empty (false for other kinds)'),
  catalog('problemCount', 'number', "open catalog problems in the entity's file or about the entity"),
  catalog('unresolvedReferenceCount', 'number', 'references from the entity to entities the catalog does not hold'),
  github('hasReadme', 'boolean', 'the repository has a README at its root'),
  github('hasCodeowners', 'boolean', 'the repository has a CODEOWNERS file (root, `.github/` or `docs/`)'),
  github('codeownersErrorCount', 'number', 'errors GitHub finds in the CODEOWNERS file'),
  github(
    'defaultBranchProtected',
    'boolean',
    'the default branch has a protection rule or a ruleset requiring pull request reviews',
  ),
  github(
    'defaultBranchCheckStatus',
    'string',
    "the default branch head's combined check status (`SUCCESS`, `FAILURE`, `PENDING`, ...; empty when none)",
  ),
  github('dependabotAlerts', 'object', 'open Dependabot alerts by severity: `{ critical, high, medium, low }`'),
  github('daysSinceLastPush', 'number', 'whole days since the last push to the repository'),
  github('isArchived', 'boolean', 'the repository is archived'),
  github('licence', 'string', "the repository's licence SPDX id (empty when none)"),
  {
    name: 'someoneOnCall',
    source: 'oncall',
    type: 'boolean',
    description: 'PagerDuty or Opsgenie says someone is on call now for the entity or its owner',
    cost: ONCALL,
  },
];

export const FACTS_BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACTS.map((f) => [f.name, f]));

/**
 * Backstage's fact retriever ids, as Tech Insights checks list them in `factIds`, with the
 * facts each retrieves; a pasted check naming another retriever is refused.
 */
export const BACKSTAGE_RETRIEVERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['entityOwnershipFactRetriever', ['hasOwner', 'hasGroupOwner']],
  ['entityMetadataFactRetriever', ['hasTitle', 'hasDescription', 'hasTags']],
  ['techdocsFactRetriever', ['hasAnnotationBackstageIoTechdocsRef', 'hasAnnotationBackstageIoTechdocsEntity']],
]);

/** The facts of one entity: absent facts are unknown (their source is not configured or not read yet). */
export type Facts = Record<string, unknown>;
