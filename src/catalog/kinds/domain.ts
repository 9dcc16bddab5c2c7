import { RELATION_PART_OF } from '../relation-types.js';
import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  ownerField,
  specSchema,
} from './kind-definition.js';

export const domainKind: KindDefinition = {
  kind: 'Domain',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A group of systems that share terminology, a business purpose or documentation.',
  schema: specSchema(['owner'], { owner: nonEmptyString, subdomainOf: nonEmptyString, type: nonEmptyString }),
  relationFields: [ownerField, { path: 'spec.subdomainOf', relation: RELATION_PART_OF, defaultKind: 'Domain' }],
};
