// Which entities a scorecard applies to, with the meaning of Backstage's catalog filter
// (`EntityFilter`): a mapping of dot-separated field paths to a value or a list of values, where
// every key must match (a list: any of its values), a list of mappings matches when any one does,
// values compare case-insensitively, and a field holding a list (tags) matches when any item does.
import { parseEntityRef, stringifyEntityRef } from '../catalog/refs.js';
import type { Entity } from '../catalog/types.js';

export type CatalogFilterClause = Record<string, string | string[]>;
/** One clause, or several of which any may match. */
export type CatalogFilter = CatalogFilterClause | CatalogFilterClause[];

export function matchesFilter(entity: Entity, filter: CatalogFilter | undefined): boolean {
  if (!filter) return true;
  const clauses = Array.isArray(filter) ? filter : [filter];
  return clauses.some((clause) => matchesClause(entity, clause));
}

function matchesClause(entity: Entity, clause: CatalogFilterClause): boolean {
  for (const [path, wanted] of Object.entries(clause)) {
    const allowed = (Array.isArray(wanted) ? wanted : [wanted]).map((v) => String(v).toLowerCase());
    const values = fieldValues(entity, path);
    if (!values.some((v) => allowed.includes(v))) return false;
  }
  return true;
}

/** The field's values, lower-cased; an owner also as its full ref, as Backstage's relations hold it. */
function fieldValues(entity: Entity, path: string): string[] {
  let node: unknown = entity;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
    const record = node as Record<string, unknown>;
    // Backstage matches keys case-insensitively too (metadata.annotations keys excepted, which are lower-case anyway).
    const key = Object.keys(record).find((k) => k.toLowerCase() === part.toLowerCase());
    node = key === undefined ? undefined : record[key];
  }
  const items = Array.isArray(node) ? node : [node];
  const out = items
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map((v) => String(v).toLowerCase());
  if (path.toLowerCase() === 'spec.owner' && typeof node === 'string') {
    try {
      out.push(
        stringifyEntityRef(
          parseEntityRef(node, { defaultKind: 'Group', defaultNamespace: entity.metadata.namespace }),
        ).toLowerCase(),
      );
    } catch {
      // not a ref: matched as written only
    }
  }
  return out;
}
