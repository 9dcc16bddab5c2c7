// The table of kinds the catalog understands. Adding a kind is adding a row here.
import { apiKind } from './api.js';
import { componentKind } from './component.js';
import { domainKind } from './domain.js';
import { groupKind } from './group.js';
import type { KindDefinition, SpecDefinition } from './kind-definition.js';
import { locationKind } from './location.js';
import { resourceKind } from './resource.js';
import { systemKind } from './system.js';
import { templateKind } from './template.js';
import { userKind } from './user.js';

export type { KindDefinition, RelationField, SpecDefinition } from './kind-definition.js';

export const BUILTIN_KINDS: readonly KindDefinition[] = [
  componentKind,
  apiKind,
  resourceKind,
  systemKind,
  domainKind,
  groupKind,
  userKind,
  locationKind,
  templateKind,
];

const byName = new Map(BUILTIN_KINDS.map((definition) => [definition.kind, definition]));

type KindLookup =
  | { found: 'kind'; definition: KindDefinition; spec: SpecDefinition }
  | { found: 'kind-without-version'; definition: KindDefinition }
  | { found: 'nothing' };

/**
 * The definition that governs an entity. Kind names are case-sensitive, as in Backstage; a
 * spec type with its own definition (API `mcp-server`) takes precedence over the kind's default.
 */
export function lookupKind(kind: string, apiVersion: string, specType?: unknown): KindLookup {
  const definition = byName.get(kind);
  if (!definition) return { found: 'nothing' };
  if (!definition.apiVersions.includes(apiVersion)) return { found: 'kind-without-version', definition };
  const variant = typeof specType === 'string' ? definition.specTypes?.[specType] : undefined;
  return { found: 'kind', definition, spec: variant ?? definition };
}
