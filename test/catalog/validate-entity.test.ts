// Each rule Backstage enforces, seen from what a catalog author gets back: the field and the message.
import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../src/catalog/index.js';

const component = (
  overrides: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', ...metadata },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team', ...spec },
  ...overrides,
});

function problemsOf(data: unknown) {
  return validateEntity(data).problems;
}

function fieldsOf(data: unknown) {
  return problemsOf(data).map((p) => p.field);
}

describe('a valid entity', () => {
  it('comes back with its namespace filled in, its ref and its relations', () => {
    const result = validateEntity(component());
    expect(result.problems).toEqual([]);
    expect(result.ref).toBe('component:default/payments');
    expect(result.entity?.metadata.namespace).toBe('default');
    expect(result.relations).toContainEqual({
      source: 'component:default/payments',
      type: 'ownedBy',
      target: 'group:default/payments-team',
    });
  });
});

describe('the envelope', () => {
  it('refuses documents that are not mappings', () => {
    for (const data of [['a'], 'text', 42, null]) {
      expect(problemsOf(data)).toEqual([{ message: expect.stringContaining('The document is not an entity') }]);
    }
  });

  it('names each missing or mistyped field', () => {
    expect(problemsOf({ metadata: { name: 'x' } })).toEqual([
      { field: 'apiVersion', message: 'apiVersion is required' },
      { field: 'kind', message: 'kind is required' },
    ]);
    expect(problemsOf({ apiVersion: 1, kind: '', metadata: { name: 2, namespace: '' } })).toEqual([
      { field: 'apiVersion', message: 'apiVersion must be a string' },
      { field: 'kind', message: 'kind must not be empty' },
      { field: 'metadata.name', message: 'metadata.name must be a string' },
      { field: 'metadata.namespace', message: 'metadata.namespace must not be empty' },
    ]);
    expect(fieldsOf({ apiVersion: 'a', kind: 'b' })).toEqual(['metadata']);
    expect(fieldsOf({ apiVersion: 'a', kind: 'b', metadata: ['x'] })).toEqual(['metadata']);
  });
});

describe('root fields', () => {
  it.each(['status', 'relations', 'owner', 'specs'])('refuses an unknown root field %s', (field) => {
    const problems = problemsOf(component({ [field]: {} }));
    expect(problems).toContainEqual({
      field,
      message: `Unknown root field "${field}": an entity has only apiVersion, kind, metadata, spec`,
    });
  });

  it('refuses a spec that is not a mapping', () => {
    expect(problemsOf(component({ spec: ['service'] }))).toEqual([
      { field: 'spec', message: 'spec must be a mapping of keys to values' },
    ]);
  });
});

describe('names', () => {
  it.each(['payments', 'Payments_API.v2', 'a', '1', 'a'.repeat(63)])('accepts the name %s', (name) => {
    expect(problemsOf(component({}, { name }))).toEqual([]);
  });

  it.each(['My Service', 'a'.repeat(64), '-x', 'x.', 'a/b', 'café', '_x'])('refuses the name %j', (name) => {
    expect(problemsOf(component({}, { name }))).toEqual([
      {
        field: 'metadata.name',
        message: `metadata.name ${JSON.stringify(name)} is not valid: use 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      },
    ]);
  });

  it.each(['billing', 'a-b', 'a--b', 'x1'])('accepts the namespace %s', (namespace) => {
    expect(problemsOf(component({}, { namespace }))).toEqual([]);
  });

  it.each(['Billing', 'bill_ing', 'bill.ing', '-a', 'a-', 'a'.repeat(64)])('refuses the namespace %j', (namespace) => {
    expect(fieldsOf(component({}, { namespace }))).toEqual(['metadata.namespace']);
    expect(problemsOf(component({}, { namespace }))[0].message).toContain('lower-case letters, digits and');
  });

  it('refuses malformed kinds and apiVersions once, not again as unknown', () => {
    expect(problemsOf(component({ kind: 'Compo-nent' }))).toEqual([
      { field: 'kind', message: 'kind "Compo-nent" is not valid: use 1-63 letters and digits, starting with a letter' },
    ]);
    for (const apiVersion of [
      'backstage.io/v1alpha1/x',
      'backstage.io/',
      'Backstage.io/v1',
      'backstage.io/v1-alpha1',
    ]) {
      expect(fieldsOf(component({ apiVersion }))).toEqual(['apiVersion']);
    }
  });
});

describe('labels and annotations', () => {
  it('accepts keys with and without a prefix, and empty label values', () => {
    const labels = { tier: '1', 'example.com/cost-center': '', 'a.b-c.example.com/x_y.z': 'Value_1' };
    const annotations = { 'backstage.io/techdocs-ref': 'dir:.', note: 'any text: at all' };
    expect(problemsOf(component({}, { labels, annotations }))).toEqual([]);
  });

  it.each([
    'a/b/c',
    'Example.com/team',
    '/team',
    'cost center',
    'example.com/-x',
    'my_co.com/x',
    `${'a'.repeat(254)}/x`,
  ])('refuses the key %j', (key) => {
    for (const field of ['labels', 'annotations']) {
      const problems = problemsOf(component({}, { [field]: { [key]: 'x' } }));
      expect(problems).toEqual([
        {
          field: `metadata.${field}.${key}`,
          message: expect.stringContaining(`metadata.${field} key ${JSON.stringify(key)} is not valid`),
        },
      ]);
    }
  });

  it('refuses label values that are not names', () => {
    expect(problemsOf(component({}, { labels: { team: 'Payments Team' } }))).toEqual([
      {
        field: 'metadata.labels.team',
        message: expect.stringContaining('metadata.labels.team value "Payments Team" is not valid'),
      },
    ]);
  });

  it('refuses values that are not strings', () => {
    expect(problemsOf(component({}, { labels: { tier: 1 } }))).toEqual([
      { field: 'metadata.labels.tier', message: 'metadata.labels.tier must be a string' },
    ]);
    expect(fieldsOf(component({}, { annotations: { 'example.com/on': true } }))).toEqual([
      'metadata.annotations.example.com/on',
    ]);
    expect(fieldsOf(component({}, { labels: ['a'] }))).toEqual(['metadata.labels']);
  });
});

describe('tags', () => {
  it('accepts lower-case words with : + # joined by dashes', () => {
    expect(
      problemsOf(component({}, { tags: ['java', 'c++', 'c#', 'team:payments', 'pci-dss', 'a'.repeat(63)] })),
    ).toEqual([]);
  });

  it.each(['Java', 'web app', 'web_app', 'web--app', 'node.js', '-web', 'a'.repeat(64)])(
    'refuses the tag %j',
    (tag) => {
      expect(problemsOf(component({}, { tags: ['ok', tag] }))).toEqual([
        {
          field: 'metadata.tags[1]',
          message: `metadata.tags[1] ${JSON.stringify(tag)} is not a valid tag: use 1-63 lower-case letters, digits, ':', '+' or '#', in words joined by single '-'`,
        },
      ]);
    },
  );

  it('refuses tags that are not a list of strings, and reports an empty tag once', () => {
    expect(problemsOf(component({}, { tags: 'java' }))).toEqual([
      { field: 'metadata.tags', message: 'metadata.tags must be a list' },
    ]);
    expect(problemsOf(component({}, { tags: [2024] }))).toEqual([
      { field: 'metadata.tags[0]', message: 'metadata.tags[0] must be a string' },
    ]);
    expect(problemsOf(component({}, { tags: [''] }))).toEqual([
      { field: 'metadata.tags[0]', message: 'metadata.tags[0] must not be empty' },
    ]);
  });
});

describe('links', () => {
  it('accepts absolute URLs with optional title, icon and type', () => {
    const links = [
      { url: 'https://example.com', title: 'Home', icon: 'dashboard', type: 'docs' },
      { url: 'mailto:a@example.com' },
    ];
    expect(problemsOf(component({}, { links }))).toEqual([]);
  });

  it('refuses URLs that do not parse', () => {
    for (const url of ['/docs', 'example.com/x', 'http//x']) {
      expect(problemsOf(component({}, { links: [{ url }] }))).toEqual([
        {
          field: 'metadata.links[0].url',
          message: `metadata.links[0].url ${JSON.stringify(url)} is not a valid absolute URL`,
        },
      ]);
    }
  });

  it('refuses links without a URL, blank titles and icons, and links that are not mappings', () => {
    expect(problemsOf(component({}, { links: [{ title: 'x' }] }))).toEqual([
      { field: 'metadata.links[0].url', message: 'metadata.links[0].url is required' },
    ]);
    expect(problemsOf(component({}, { links: [{ url: 'https://a.b', title: '  ' }] }))).toEqual([
      { field: 'metadata.links[0].title', message: 'metadata.links[0].title must not be blank' },
    ]);
    expect(problemsOf(component({}, { links: [{ url: 'https://a.b', icon: '' }] }))).toEqual([
      { field: 'metadata.links[0].icon', message: 'metadata.links[0].icon must not be empty' },
    ]);
    expect(fieldsOf(component({}, { links: ['https://a.b'] }))).toEqual(['metadata.links[0]']);
    expect(fieldsOf(component({}, { links: { a: 'https://a.b' } }))).toEqual(['metadata.links']);
  });
});

describe('other metadata', () => {
  it('allows fields Backstage does not name, and checks the ones it does', () => {
    expect(problemsOf(component({}, { 'x-team-notes': { any: 'thing' } }))).toEqual([]);
    expect(problemsOf(component({}, { title: '' }))).toEqual([
      { field: 'metadata.title', message: 'metadata.title must not be empty' },
    ]);
    expect(problemsOf(component({}, { description: 42 }))).toEqual([
      { field: 'metadata.description', message: 'metadata.description must be a string' },
    ]);
  });
});

describe('kinds and apiVersions', () => {
  it('names an unknown kind, case-sensitively', () => {
    for (const kind of ['AiResource', 'component']) {
      expect(problemsOf(component({ kind }))).toEqual([
        {
          field: 'kind',
          message: `Unknown kind "${kind}": the catalog knows Component, API, Resource, System, Domain, Group, User, Location, Template (kinds are case-sensitive)`,
        },
      ]);
    }
  });

  it('says which apiVersions a kind is written in', () => {
    expect(problemsOf(component({ apiVersion: 'backstage.io/v1' }))).toEqual([
      {
        field: 'apiVersion',
        message:
          'apiVersion "backstage.io/v1" is not one kind Component is written in: use backstage.io/v1alpha1 or backstage.io/v1beta1',
      },
    ]);
    expect(problemsOf(component({ apiVersion: 'backstage.io/v1beta1' }))).toEqual([]);
    const template = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Template',
      metadata: { name: 't' },
      spec: { type: 'x', steps: [] },
    };
    expect(problemsOf(template)[0].message).toContain('use scaffolder.backstage.io/v1beta3');
    expect(problemsOf({ ...template, apiVersion: 'scaffolder.backstage.io/v1beta3' })).toEqual([]);
  });

  it('requires a spec', () => {
    const { spec: _spec, ...noSpec } = component();
    expect(problemsOf(noSpec)).toEqual([{ field: 'spec', message: 'spec is required for kind Component' }]);
  });
});

describe('each kind requires its spec fields', () => {
  const entity = (kind: string, spec: Record<string, unknown>, apiVersion = 'backstage.io/v1alpha1') => ({
    apiVersion,
    kind,
    metadata: { name: 'x' },
    spec,
  });

  it.each([
    ['Component', {}, ['spec.type', 'spec.lifecycle', 'spec.owner']],
    ['API', {}, ['spec.type', 'spec.lifecycle', 'spec.owner', 'spec.definition']],
    ['Resource', {}, ['spec.type', 'spec.owner']],
    ['System', {}, ['spec.owner']],
    ['Domain', {}, ['spec.owner']],
    ['Group', {}, ['spec.type', 'spec.children']],
    ['User', {}, ['spec.memberOf']],
    ['Location', {}, []],
  ])('%s', (kind, spec, missing) => {
    expect(problemsOf(entity(kind, spec))).toEqual(
      missing.map((field) => ({ field, message: `${field} is required for kind ${kind}` })),
    );
  });

  it('Template', () => {
    expect(fieldsOf(entity('Template', {}, 'scaffolder.backstage.io/v1beta3'))).toEqual(['spec.type', 'spec.steps']);
  });

  it('checks the types of the fields it names', () => {
    expect(
      problemsOf(entity('Component', { type: 's', lifecycle: 1, owner: '', providesApis: 'x', dependsOn: [''] })),
    ).toEqual([
      { field: 'spec.lifecycle', message: 'spec.lifecycle must be a string' },
      { field: 'spec.owner', message: 'spec.owner must not be empty' },
      { field: 'spec.providesApis', message: 'spec.providesApis must be a list' },
      { field: 'spec.dependsOn[0]', message: 'spec.dependsOn[0] must not be empty' },
    ]);
    expect(problemsOf(entity('Group', { type: 't', children: [], profile: { email: 5 } }))).toEqual([
      { field: 'spec.profile.email', message: 'spec.profile.email must be a string' },
    ]);
    expect(problemsOf(entity('User', { memberOf: [], profile: ['ana'] }))).toEqual([
      { field: 'spec.profile', message: 'spec.profile must be a mapping of keys to values' },
    ]);
    expect(problemsOf(entity('Location', { presence: 'maybe' }))).toEqual([
      { field: 'spec.presence', message: 'spec.presence must be one of "required", "optional"' },
    ]);
  });

  it('API mcp-server has remotes instead of a definition', () => {
    const mcp = { type: 'mcp-server', lifecycle: 'experimental', owner: 'a' };
    expect(problemsOf(entity('API', { ...mcp, remotes: [{ type: 'sse', url: 'https://x' }] }))).toEqual([]);
    expect(problemsOf(entity('API', { ...mcp, definition: 'x' }))).toEqual([
      { field: 'spec.remotes', message: 'spec.remotes is required for kind API' },
    ]);
    expect(problemsOf(entity('API', { ...mcp, remotes: [] }))).toEqual([
      { field: 'spec.remotes', message: 'spec.remotes must list at least 1 item(s)' },
    ]);
    expect(problemsOf(entity('API', { ...mcp, remotes: [{ type: 'sse' }] }))).toEqual([
      { field: 'spec.remotes[0].url', message: 'spec.remotes[0].url is required for kind API' },
    ]);
  });

  it('Template steps, parameters and output', () => {
    const template = (spec: Record<string, unknown>) =>
      entity('Template', { type: 'service', steps: [], ...spec }, 'scaffolder.backstage.io/v1beta3');
    expect(problemsOf(template({ steps: [{ id: 'fetch' }] }))).toEqual([
      { field: 'spec.steps[0].action', message: 'spec.steps[0].action is required for kind Template' },
    ]);
    expect(problemsOf(template({ steps: [{ action: 'a', if: 1 }] }))).toEqual([
      { field: 'spec.steps[0].if', message: 'spec.steps[0].if must be a string or true or false' },
    ]);
    expect(problemsOf(template({ parameters: 'name' }))).toEqual([
      { field: 'spec.parameters', message: 'spec.parameters must be a mapping of keys to values, or a list' },
    ]);
    // A list of forms is the right shape: the problem is inside it.
    expect(problemsOf(template({ parameters: [{ when: ['a'] }] }))).toEqual([
      { field: 'spec.parameters[0].when', message: 'spec.parameters[0].when must be a string or true or false' },
    ]);
    const outputProblems = problemsOf(template({ output: { count: 3, links: [{ url: '' }] } }));
    expect(outputProblems).toHaveLength(2);
    expect(outputProblems).toContainEqual({
      field: 'spec.output.links[0].url',
      message: 'spec.output.links[0].url must not be empty',
    });
    expect(outputProblems).toContainEqual({
      field: 'spec.output.count',
      message: 'spec.output.count must be a string',
    });
  });
});
