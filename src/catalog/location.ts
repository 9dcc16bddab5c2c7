// Where a Location entity points.
import { isPlainObject } from './formats.js';
import type { Entity } from './types.js';

export interface LocationTarget {
  /** How to read the target: `url` (the default) or `file`, as written in spec.type. */
  type: string;
  /** As written: a relative path, a glob, or an absolute URL. */
  target: string;
  /** Whether a missing target is an error (`required`, the default) or expected (`optional`). */
  presence: 'required' | 'optional';
}

/** The targets of a Location entity (spec.target, then spec.targets); none for other kinds. */
export function locationTargets(entity: Entity): LocationTarget[] {
  if (entity.kind !== 'Location' || !isPlainObject(entity.spec)) return [];
  const { type, target, targets, presence } = entity.spec;
  const readAs = typeof type === 'string' && type ? type : 'url';
  const required = presence === 'optional' ? 'optional' : 'required';
  const all = [target, ...(Array.isArray(targets) ? targets : [])];
  return all
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .map((t) => ({ type: readAs, target: t, presence: required }));
}
