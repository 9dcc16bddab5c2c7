import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  nonEmptyString,
  nonEmptyStringList,
  specSchema,
} from './kind-definition.js';

export const locationKind: KindDefinition = {
  kind: 'Location',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'A pointer to more catalog files.',
  schema: specSchema([], {
    type: nonEmptyString,
    target: nonEmptyString,
    targets: nonEmptyStringList,
    presence: { type: 'string', enum: ['required', 'optional'] },
  }),
  relationFields: [],
};
