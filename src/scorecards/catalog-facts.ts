// The facts the catalog alone answers (free: no request leaves Callboard), computed from an
// entity, its owner and the counts the store reads alongside them.
import { parseEntityRef } from '../catalog/refs.js';
import type { Entity } from '../catalog/types.js';
import type { Facts } from './facts.js';

/** What the store reads for one entity so that its catalog facts can be computed. */
export interface CatalogFactInput {
  ref: string;
  entity: Entity;
  /** Whether spec.definition is not empty (the store leaves the definition itself out of `entity`). */
  hasDefinition?: boolean;
  /** The owner's canonical ref (from spec.owner), whether or not the catalog holds it. */
  ownerRef?: string;
  /** The owner's kind and annotations, when the owner is in the catalog. */
  owner?: { ref: string; kind: string; annotations: Record<string, string> };
  /** People in the owning Group (its hasMember relations). */
  ownerMemberCount: number;
  /** Problems found reading the entity's document. */
  problemCount: number;
  /** References to entities the catalog does not hold. */
  unresolvedReferenceCount: number;
}

const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'pagerduty.com/integration-key',
  'pagerduty.com/escalation-policy-id',
  'opsgenie.com/team',
];

export function catalogFacts(input: CatalogFactInput): Facts {
  const { entity } = input;
  const metadata = entity.metadata;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = metadata.annotations ?? {};
  const ownerAnnotations = input.owner?.annotations ?? {};
  const owner = typeof spec.owner === 'string' && spec.owner.trim() ? spec.owner : undefined;
  const tags = (metadata.tags ?? []).filter((t): t is string => typeof t === 'string');
  const links = (metadata.links ?? []).filter((l) => l && typeof l.url === 'string');
  const techdocs = nonEmpty(annotations['backstage.io/techdocs-ref']);
  const lifecycle = typeof spec.lifecycle === 'string' ? spec.lifecycle : '';
  const definition = spec.definition;
  return {
    hasOwner: owner !== undefined,
    hasGroupOwner: owner !== undefined && ownerKind(owner, metadata.namespace) === 'group',
    ownerInCatalog: input.owner !== undefined,
    groupMemberCount: input.owner?.kind === 'group' ? input.ownerMemberCount : 0,
    ownerHasSlackChannel:
      nonEmpty(ownerAnnotations['slack.com/channel']) || nonEmpty(ownerAnnotations['slack.com/channel-id']),
    hasTitle: nonEmpty(metadata.title),
    hasDescription: nonEmpty(metadata.description),
    hasTags: tags.length > 0,
    tags,
    lifecycle,
    hasLifecycle: lifecycle.trim() !== '',
    hasSystem: nonEmpty(spec.system),
    docLinkCount: links.length + (techdocs ? 1 : 0),
    hasAnnotationBackstageIoTechdocsRef: techdocs,
    hasAnnotationBackstageIoTechdocsEntity: nonEmpty(annotations['backstage.io/techdocs-entity']),
    hasRunbookLink: links.some((l) =>
      [l.title, l.type, l.url].some((text) => typeof text === 'string' && /run-?book/i.test(text)),
    ),
    hasOnCallAnnotation: ON_CALL_ANNOTATIONS.some((a) => nonEmpty(annotations[a]) || nonEmpty(ownerAnnotations[a])),
    hasApiDefinition: entity.kind.toLowerCase() === 'api' && (input.hasDefinition ?? nonEmpty(definition)),
    problemCount: input.problemCount,
    unresolvedReferenceCount: input.unresolvedReferenceCount,
  };
}

function ownerKind(owner: string, namespace: string | undefined): string | undefined {
  try {
    return parseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: namespace }).kind.toLowerCase();
  } catch {
    return undefined;
  }
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
