import { RELATION_DEPENDENCY_OF, RELATION_DEPENDS_ON } from '../relation-types.js';
import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  nonEmptyStringList,
  ownerField,
  specSchema,
  systemField,
} from './kind-definition.js';

export const resourceKind: KindDefinition = {
  kind: 'Resource',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'Infrastructure a system needs to operate: databases, buckets, queues, clusters.',
  schema: specSchema(['type', 'owner'], {
    type: nonEmptyString,
    owner: nonEmptyString,
    dependsOn: nonEmptyStringList,
    system: nonEmptyString,
  }),
  relationFields: [
    ownerField,
    { path: 'spec.dependsOn', relation: RELATION_DEPENDS_ON },
    { path: 'spec.dependencyOf', relation: RELATION_DEPENDENCY_OF },
    systemField,
  ],
};
