// Entity references, `[kind:][namespace/]name`, parsed and written the way Backstage does.
import type { Entity, EntityName } from './types.js';

export const DEFAULT_NAMESPACE = 'default';

export interface EntityRefDefaults {
  /** Used when the reference has no `kind:` part. Without it such a reference is an error. */
  defaultKind?: string;
  /** Used when the reference has no `namespace/` part; `default` when not given. */
  defaultNamespace?: string;
}

/** A compound reference as YAML may spell it: the name, and optionally kind and namespace. */
export interface CompoundEntityRef {
  kind?: string;
  namespace?: string;
  name: string;
}

/** A reference that cannot be read; the message says what is wrong in a catalog author's words. */
export class InvalidEntityRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEntityRefError';
  }
}

const REF_FORM = '[kind:][namespace/]name, e.g. group:default/payments-team';

/**
 * Splits the string form. The first ':' separates the kind unless a '/' comes before it, so
 * `namespace/na:me` has no kind; everything after the first '/' is the name.
 */
function splitRefString(ref: string): Partial<EntityName> {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new InvalidEntityRefError(`"${ref}" is not an entity reference: expected ${REF_FORM}`);
  }
  return { kind, namespace, name };
}

function describe(ref: unknown): string {
  return typeof ref === 'string' ? `"${ref}"` : JSON.stringify(ref);
}

function optionalString(value: unknown, part: string, ref: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InvalidEntityRefError(`Entity reference ${describe(ref)} has a ${part} that is not a string`);
}

/**
 * Reads an entity reference, filling in the kind and namespace from `defaults` when the
 * reference leaves them out. Throws InvalidEntityRefError when it cannot be read.
 */
export function parseEntityRef(ref: string | CompoundEntityRef, defaults: EntityRefDefaults = {}): EntityName {
  if (!ref) throw new InvalidEntityRefError('Entity reference must not be empty');
  const defaultNamespace = defaults.defaultNamespace || DEFAULT_NAMESPACE;
  let parts: Partial<EntityName>;
  if (typeof ref === 'string') {
    parts = splitRefString(ref);
  } else if (typeof ref === 'object' && !Array.isArray(ref)) {
    parts = {
      kind: optionalString(ref.kind, 'kind', ref),
      namespace: optionalString(ref.namespace, 'namespace', ref),
      name: optionalString(ref.name, 'name', ref),
    };
  } else {
    throw new InvalidEntityRefError(`${describe(ref)} is not an entity reference: expected ${REF_FORM}`);
  }
  const kind = parts.kind ?? defaults.defaultKind;
  const namespace = parts.namespace ?? defaultNamespace;
  const name = parts.name;
  if (!kind) {
    throw new InvalidEntityRefError(
      `Entity reference ${describe(ref)} has no kind: write the kind in front, e.g. component:${parts.name ?? 'name'} or resource:${parts.name ?? 'name'}`,
    );
  }
  if (!namespace) throw new InvalidEntityRefError(`Entity reference ${describe(ref)} has an empty namespace`);
  if (!name) throw new InvalidEntityRefError(`Entity reference ${describe(ref)} has no name`);
  return { kind, namespace, name };
}

/** The parts of an entity's own reference, the namespace defaulting to `default`. */
export function entityName(entity: Entity): EntityName {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace || DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

/** The canonical, lower-cased `kind:namespace/name` of a reference or an entity. */
export function stringifyEntityRef(ref: EntityName | CompoundEntityRef | Entity): string {
  const { kind, namespace, name } = 'metadata' in ref ? entityName(ref) : ref;
  if (!kind) throw new InvalidEntityRefError(`Entity reference ${describe(ref)} has no kind`);
  return `${kind.toLowerCase()}:${(namespace || DEFAULT_NAMESPACE).toLowerCase()}/${name.toLowerCase()}`;
}

/** The canonical ref of an entity, e.g. `component:default/payments`. */
export function entityRef(entity: Entity): string {
  return stringifyEntityRef(entity);
}
