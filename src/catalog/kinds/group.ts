import { RELATION_CHILD_OF, RELATION_HAS_MEMBER, RELATION_PARENT_OF } from '../relation-types.js';
import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  nonEmptyStringList,
  specSchema,
} from './kind-definition.js';

export const profileSchema = {
  type: 'object',
  properties: { displayName: nonEmptyString, email: nonEmptyString, picture: nonEmptyString },
} as const;

export const groupKind: KindDefinition = {
  kind: 'Group',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A team, business unit or other group of people.',
  schema: specSchema(['type', 'children'], {
    type: nonEmptyString,
    profile: profileSchema,
    parent: nonEmptyString,
    children: nonEmptyStringList,
    members: nonEmptyStringList,
  }),
  relationFields: [
    { path: 'spec.parent', relation: RELATION_CHILD_OF, defaultKind: 'Group' },
    { path: 'spec.children', relation: RELATION_PARENT_OF, defaultKind: 'Group' },
    { path: 'spec.members', relation: RELATION_HAS_MEMBER, defaultKind: 'User' },
  ],
};
