// Backstage's own verdict on one parsed document, built from @backstage/catalog-model the way
// the catalog backend processes an entity (DefaultCatalogProcessingOrchestrator):
//   1. the document must be a plain object, and pass entityEnvelopeSchemaValidator;
//   2. placeholders are substituted (here: by their target string, since nothing is fetched);
//   3. the default CatalogBuilder policies: SchemaValid, DefaultNamespace, NoForeignRootFields,
//      FieldFormat(makeValidator());
//   4. entitySchemaValidator, then the kind validators: one must accept the entity;
//   5. BuiltinKindsEntityProcessor / ScaffolderEntitiesProcessor read the relation fields with
//      parseEntityRef; a reference that cannot be parsed fails the entity.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The package's ESM build imports lodash subpaths that plain Node cannot resolve; its CJS build loads.
const require = createRequire(import.meta.url);
const model = require('@backstage/catalog-model') as typeof import('@backstage/catalog-model');
const alpha = require('@backstage/catalog-model/alpha') as {
  mcpServerApiEntityValidator: KindValidator;
};

interface KindValidator {
  check(entity: unknown): Promise<boolean>;
}
type AnyEntity = import('@backstage/catalog-model').Entity;

const templateSchema = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/catalog/oracle/Template.v1beta3.schema.json', import.meta.url)),
    'utf8',
  ),
);
const templateValidator = model.entityKindSchemaValidator(templateSchema);
const templateEntityV1beta3Validator: KindValidator = {
  async check(entity) {
    return templateValidator(entity as AnyEntity) === entity;
  },
};

// catalog-model 1.10 declares API spec.type "mcp-server" as its own version of the API kind
// (mcpServerApiEntityModel): the compiled model picks the spec type's schema when one exists.
const apiValidator: KindValidator = {
  async check(entity) {
    const e = entity as { kind?: unknown; spec?: { type?: unknown } };
    if (e.kind === 'API' && e.spec?.type === 'mcp-server') return alpha.mcpServerApiEntityValidator.check(entity);
    return model.apiEntityV1alpha1Validator.check(entity as AnyEntity);
  },
};

const kindValidators: KindValidator[] = [
  apiValidator,
  model.componentEntityV1alpha1Validator,
  model.resourceEntityV1alpha1Validator,
  model.groupEntityV1alpha1Validator,
  model.locationEntityV1alpha1Validator,
  model.userEntityV1alpha1Validator,
  model.systemEntityV1alpha1Validator,
  model.domainEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

const policy = model.EntityPolicies.allOf([
  new model.SchemaValidEntityPolicy(),
  new model.DefaultNamespaceEntityPolicy(),
  new model.NoForeignRootFieldsEntityPolicy(),
  new model.FieldFormatEntityPolicy(model.makeValidator()),
]);
const validateEnvelope = model.entityEnvelopeSchemaValidator();
const validateFullEntity = model.entitySchemaValidator();

/** [spec field, default kind, outgoing relation, incoming relation], as the processors emit them. */
type Emit = [string, string | undefined, string, string];
const owner: Emit = ['owner', 'Group', model.RELATION_OWNED_BY, model.RELATION_OWNER_OF];
const system: Emit = ['system', 'System', model.RELATION_PART_OF, model.RELATION_HAS_PART];
const dependsOn: Emit = ['dependsOn', undefined, model.RELATION_DEPENDS_ON, model.RELATION_DEPENDENCY_OF];
const dependencyOf: Emit = ['dependencyOf', undefined, model.RELATION_DEPENDENCY_OF, model.RELATION_DEPENDS_ON];
const emittedFields: Record<string, Emit[]> = {
  Component: [
    owner,
    ['subcomponentOf', 'Component', model.RELATION_PART_OF, model.RELATION_HAS_PART],
    ['providesApis', 'API', model.RELATION_PROVIDES_API, model.RELATION_API_PROVIDED_BY],
    ['consumesApis', 'API', model.RELATION_CONSUMES_API, model.RELATION_API_CONSUMED_BY],
    dependsOn,
    dependencyOf,
    system,
  ],
  API: [owner, system],
  Resource: [owner, dependsOn, dependencyOf, system],
  User: [['memberOf', 'Group', model.RELATION_MEMBER_OF, model.RELATION_HAS_MEMBER]],
  Group: [
    ['parent', 'Group', model.RELATION_CHILD_OF, model.RELATION_PARENT_OF],
    ['children', 'Group', model.RELATION_PARENT_OF, model.RELATION_CHILD_OF],
    ['members', 'User', model.RELATION_HAS_MEMBER, model.RELATION_MEMBER_OF],
  ],
  System: [owner, ['domain', 'Domain', model.RELATION_PART_OF, model.RELATION_HAS_PART]],
  Domain: [owner, ['subdomainOf', 'Domain', model.RELATION_PART_OF, model.RELATION_HAS_PART]],
  Template: [owner],
};

function emitRelations(entity: AnyEntity): string[] {
  const self = model.getCompoundEntityRef(entity);
  const selfRef = model.stringifyEntityRef(self);
  const relations = new Set<string>();
  for (const [field, defaultKind, outgoing, incoming] of emittedFields[entity.kind] ?? []) {
    const targets = (entity.spec as Record<string, unknown> | undefined)?.[field];
    if (!targets) continue;
    for (const target of [targets].flat()) {
      const targetRef = model.stringifyEntityRef(
        model.parseEntityRef(target as string, { defaultKind, defaultNamespace: self.namespace }),
      );
      relations.add(`${selfRef} ${outgoing} ${targetRef}`);
      relations.add(`${targetRef} ${incoming} ${selfRef}`);
    }
  }
  return [...relations].sort();
}

/** What the catalog keeps of a placeholder it cannot fetch: the target as written. */
function substitutePlaceholders(data: unknown): unknown {
  if (!data || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map(substitutePlaceholders);
  const record = data as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!keys.some((k) => k.startsWith('$'))) {
    return Object.fromEntries(keys.map((k) => [k, substitutePlaceholders(record[k])]));
  }
  if (keys.length !== 1 || !['$text', '$json', '$yaml'].includes(keys[0])) return data;
  const target = record[keys[0]];
  if (typeof target !== 'string') throw new Error(`Placeholder ${keys[0]} expected a string value parameter`);
  return target;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface OracleVerdict {
  accepted: boolean;
  reason?: string;
  relations: string[];
}

export async function backstageVerdict(document: unknown): Promise<OracleVerdict> {
  try {
    if (!isPlainObject(document)) throw new Error('Expected object at root');
    validateEnvelope(document);
    const substituted = substitutePlaceholders(structuredClone(document)) as AnyEntity;
    const entity = await policy.enforce(substituted);
    if (!entity) throw new Error('Policy unexpectedly returned no data');
    validateFullEntity(entity);
    let recognized = false;
    for (const validator of kindValidators) {
      if (await validator.check(entity)) {
        recognized = true;
        break;
      }
    }
    if (!recognized) throw new Error('No processor recognized the entity as valid');
    return { accepted: true, relations: emitRelations(entity) };
  } catch (error) {
    return { accepted: false, reason: error instanceof Error ? error.message : String(error), relations: [] };
  }
}
