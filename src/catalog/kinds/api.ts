import {
  BACKSTAGE_API_VERSIONS,
  type KindDefinition,
  type SpecDefinition,
  nonEmptyString,
  ownerField,
  specSchema,
  systemField,
} from './kind-definition.js';

/** An MCP server carries the transports it listens on instead of a definition document. */
const mcpServer: SpecDefinition = {
  schema: specSchema(['type', 'lifecycle', 'owner', 'remotes'], {
    type: { const: 'mcp-server' },
    lifecycle: nonEmptyString,
    owner: nonEmptyString,
    system: nonEmptyString,
    remotes: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['type', 'url'], properties: { type: nonEmptyString, url: nonEmptyString } },
    },
  }),
  relationFields: [ownerField, systemField],
};

export const apiKind: KindDefinition = {
  kind: 'API',
  apiVersions: BACKSTAGE_API_VERSIONS,
  description: 'An interface a component exposes: OpenAPI, AsyncAPI, GraphQL, gRPC and the like.',
  schema: specSchema(['type', 'lifecycle', 'owner', 'definition'], {
    type: nonEmptyString,
    lifecycle: nonEmptyString,
    owner: nonEmptyString,
    system: nonEmptyString,
    definition: nonEmptyString,
  }),
  relationFields: [ownerField, systemField],
  specTypes: { 'mcp-server': mcpServer },
};
