// Backstage's own rules, from @backstage/catalog-model, as a second opinion on entities the
// project writes (the demo organisation, generated benchmark catalogs).
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity as BackstageEntity,
} from '@backstage/catalog-model';
import { validateEntity } from '../src/catalog/index.js';
import type { Entity } from '../src/catalog/types.js';

// The policies Backstage's catalog applies to every entity before its kind is checked.
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/** Why Backstage would refuse the entity, or undefined when it accepts it. */
export async function backstageRefusal(entity: Entity): Promise<string | undefined> {
  let checked: BackstageEntity;
  try {
    checked = (await policies.enforce(structuredClone(entity) as BackstageEntity))!;
  } catch (error) {
    return (error as Error).message;
  }
  if (entity.kind === 'Template') {
    // Template's schema lives in @backstage/plugin-scaffolder-common, which is not installed; the
    // catalog core carries a copy of that schema, so it stands in.
    const problems = validateEntity(entity).problems;
    return problems.length ? problems.map((p) => `${p.field ?? ''} ${p.message}`).join('; ') : undefined;
  }
  try {
    const accepted = await Promise.all(kindValidators.map((validator) => validator.check(checked)));
    return accepted.some(Boolean) ? undefined : `no validator accepts kind ${entity.kind} (${entity.apiVersion})`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Spec fields that name other entities, with the kind a bare name means (none: the ref must say). */
const REFERENCE_FIELDS: Record<string, string | undefined> = {
  owner: 'Group',
  system: 'System',
  domain: 'Domain',
  parent: 'Group',
  children: 'Group',
  memberOf: 'Group',
  members: 'User',
  providesApis: 'API',
  consumesApis: 'API',
  dependsOn: undefined,
  dependencyOf: undefined,
  subcomponentOf: 'Component',
  subdomainOf: 'Domain',
};

/** The canonical refs an entity's spec points at, read the way Backstage reads them. */
export function referencedRefs(entity: Entity): string[] {
  if (entity.kind === 'Template' || entity.kind === 'Location')
    return entity.kind === 'Template' && typeof entity.spec?.owner === 'string' ? [ownerRef(entity)] : [];
  const namespace = entity.metadata.namespace ?? 'default';
  return Object.entries(REFERENCE_FIELDS).flatMap(([field, defaultKind]) => {
    const value = entity.spec?.[field];
    const refs = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return refs.map((ref: string) =>
      stringifyEntityRef(parseEntityRef(ref, { defaultKind, defaultNamespace: namespace })).toLowerCase(),
    );
  });
}

function ownerRef(entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(entity.spec!.owner as string, {
      defaultKind: 'Group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  ).toLowerCase();
}

export function canonicalRef(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
}
