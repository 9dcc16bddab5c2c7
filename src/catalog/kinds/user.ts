import { RELATION_MEMBER_OF } from '../relation-types.js';
import { profileSchema } from './group.js';
import { BACKSTAGE_API_VERSIONS, type KindDefinition, nonEmptyStringList, specSchema } from './kind-definition.js';

export const userKind: KindDefinition = {
  kind: 'User',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A person: an employee, a contractor.',
  schema: specSchema(['memberOf'], { profile: profileSchema, memberOf: nonEmptyStringList }),
  relationFields: [{ path: 'spec.memberOf', relation: RELATION_MEMBER_OF, defaultKind: 'Group' }],
};
