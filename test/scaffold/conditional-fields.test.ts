// `dependencies` with `oneOf` (react-jsonschema-form's conditional fields, as Backstage templates
// write them): each branch's fields are asked on a page of their own, only for the chosen value.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/catalog/types.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { readTemplate } from '../../src/scaffold/template/read-template.js';
import { activePages } from '../../src/scaffold/template/active-pages.js';
import { validateValues } from '../../src/scaffold/template/validate-values.js';

const entity = load(`apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: conditional-fields
spec:
  type: service
  parameters:
    - title: Runtime
      required: [name, language]
      properties:
        name: { type: string }
        language: { type: string, enum: [java, go, rust] }
      dependencies:
        language:
          oneOf:
            - properties:
                language: { enum: [java] }
                javaVersion: { type: string, enum: ['17', '21'] }
              required: [javaVersion]
            - properties:
                language: { enum: [go] }
                goModule: { type: string, pattern: '^[a-z.]+/' }
            - properties:
                language: { enum: [rust] }
  steps:
    - id: log
      name: Log
      action: debug:log
      input:
        message: \${{ parameters.language }} \${{ parameters.javaVersion }}
`) as Entity;

describe('conditional fields (dependencies with oneOf)', () => {
  const reading = readTemplate(
    entity,
    { type: 'url', url: 'https://example.com/template.yaml' },
    actionRegistry(),
    'test',
  );
  const template = reading.template!;

  it("asks for a branch's fields on a page shown only for its value", () => {
    expect(reading.problems).toEqual([]);
    expect(template.pages.map((p) => [Object.keys(p.schema.properties as object), p.when ?? null])).toEqual([
      [['name', 'language'], null],
      [['javaVersion'], '${{ parameters.language in ["java"] }}'],
      [['goModule'], '${{ parameters.language in ["go"] }}'],
    ]);
    expect(activePages(template, { name: 'x', language: 'java' })).toEqual([0, 1]);
    expect(activePages(template, { name: 'x', language: 'rust' })).toEqual([0]);
  });

  it("requires a branch's required fields only when it applies, and checks them", async () => {
    expect((await validateValues(template, { name: 'x', language: 'java' })).fieldErrors).toEqual({
      javaVersion: 'This field is required.',
    });
    expect((await validateValues(template, { name: 'x', language: 'java', javaVersion: '21' })).ok).toBe(true);
    expect((await validateValues(template, { name: 'x', language: 'rust' })).ok).toBe(true);
    const go = await validateValues(template, { name: 'x', language: 'go', goModule: 'NOPE' });
    expect(Object.keys(go.fieldErrors)).toEqual(['goModule']);
    // A value for a branch that does not apply is dropped, not kept.
    expect((await validateValues(template, { name: 'x', language: 'rust', javaVersion: '21' })).values).toEqual({
      name: 'x',
      language: 'rust',
    });
  });
});
