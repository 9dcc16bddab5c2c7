// The scaffolder's Template kind, as @backstage/plugin-scaffolder-common 2.4 validates it.
import type { SchemaObject } from 'ajv';
import { type KindDefinition, nonEmptyString, ownerField, specSchema } from './kind-definition.js';

const permissions: SchemaObject = {
  type: 'object',
  properties: { tags: { type: 'array', items: { type: 'string' } } },
};
const condition: SchemaObject = { type: ['string', 'boolean'] };
const formDecorators: SchemaObject = {
  type: 'array',
  items: { type: 'object', properties: { id: { type: 'string' }, input: { type: 'object' } } },
};

export const templateKind: KindDefinition = {
  kind: 'Template',
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  description: 'A software template: a form, then steps that create something new.',
  schema: specSchema(['type', 'steps'], {
    type: nonEmptyString,
    owner: nonEmptyString,
    lifecycle: nonEmptyString,
    parameters: {
      oneOf: [
        { type: 'object', properties: { 'backstage:permissions': permissions } },
        {
          type: 'array',
          items: { type: 'object', properties: { when: condition, 'backstage:permissions': permissions } },
        },
      ],
    },
    secrets: { type: 'object', properties: { schema: { type: 'object' } } },
    presentation: {
      type: 'object',
      properties: {
        buttonLabels: {
          type: 'object',
          properties: {
            backButtonText: { type: 'string' },
            createButtonText: { type: 'string' },
            reviewButtonText: { type: 'string' },
          },
        },
      },
    },
    EXPERIMENTAL_recovery: { type: 'object', properties: { EXPERIMENTAL_strategy: { type: 'string' } } },
    formDecorators,
    EXPERIMENTAL_formDecorators: formDecorators,
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['action'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          action: { type: 'string' },
          input: { type: 'object' },
          if: condition,
          'backstage:permissions': permissions,
        },
      },
    },
    output: {
      type: 'object',
      properties: {
        links: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              if: condition,
              url: nonEmptyString,
              entityRef: nonEmptyString,
              title: nonEmptyString,
              icon: nonEmptyString,
            },
          },
        },
        text: {
          type: 'array',
          items: {
            type: 'object',
            properties: { if: condition, title: nonEmptyString, icon: nonEmptyString, content: { type: 'string' } },
          },
        },
      },
      // Any other output is a single templated string.
      additionalProperties: { type: 'string' },
    },
  }),
  relationFields: [ownerField],
};
