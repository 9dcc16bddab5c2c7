import { RELATION_PART_OF } from '../relation-types.js';
import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  ownerField,
  specSchema,
} from './kind-definition.js';

export const systemKind: KindDefinition = {
  kind: 'System',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A collection of components, APIs and resources that together provide a capability.',
  schema: specSchema(['owner'], { owner: nonEmptyString, domain: nonEmptyString, type: nonEmptyString }),
  relationFields: [ownerField, { path: 'spec.domain', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
};
