import {
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '../relation-types.js';
import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  nonEmptyStringList,
  ownerField,
  specSchema,
  systemField,
} from './kind-definition.js';

export const componentKind: KindDefinition = {
  kind: 'Component',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A piece of software, such as a service, website or library.',
  schema: specSchema(['type', 'lifecycle', 'owner'], {
    type: nonEmptyString,
    lifecycle: nonEmptyString,
    owner: nonEmptyString,
    system: nonEmptyString,
    subcomponentOf: nonEmptyString,
    providesApis: nonEmptyStringList,
    consumesApis: nonEmptyStringList,
    dependsOn: nonEmptyStringList,
  }),
  relationFields: [
    ownerField,
    { path: 'spec.subcomponentOf', relation: RELATION_PART_OF, defaultKind: 'Component' },
    { path: 'spec.providesApis', relation: RELATION_PROVIDES_API, defaultKind: 'API' },
    { path: 'spec.consumesApis', relation: RELATION_CONSUMES_API, defaultKind: 'API' },
    { path: 'spec.dependsOn', relation: RELATION_DEPENDS_ON },
    // Not in the schema, but Backstage reads it, so a component can declare what depends on it.
    { path: 'spec.dependencyOf', relation: RELATION_DEPENDENCY_OF },
    systemField,
  ],
};
