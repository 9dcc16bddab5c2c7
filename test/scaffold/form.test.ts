import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import type { InputBlock, ModalView } from '@slack/types';
import type { Entity } from '../../src/catalog/types.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { blockIdOf } from '../../commands/create/form/field-blocks.js';
import { decodeFormMetadata, type FormMetadata } from '../../commands/create/form/form-metadata.js';
import { checkFormLimits, firstPages, formLayout } from '../../commands/create/form/form-plan.js';
import { handleFormSubmission } from '../../commands/create/form/form-submission.js';
import type { ViewStateValues } from '../../commands/create/form/form-state.js';
import { formView, pickerView } from '../../commands/create/form/form-views.js';
import { readTemplate } from '../../src/scaffold/template/read-template.js';
import type { TemplateDefinition } from '../../src/scaffold/types.js';

const context = { org: 'acme', host: 'github.com' };

function template(yaml: string): TemplateDefinition {
  const entity = load(yaml) as Entity;
  const reading = readTemplate(
    entity,
    { type: 'folder', dir: '/tmp', file: '/tmp/template.yaml', root: '/tmp' },
    actionRegistry(),
    'template.yaml',
  );
  if (!reading.template) throw new Error(JSON.stringify(reading.problems));
  return reading.template;
}

const everyKind = template(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: kinds, title: Every kind of field in one form, description: All of them }
spec:
  type: service
  parameters:
    - title: Fields
      required: [name, owner, repoUrl, lifecycle]
      properties:
        name: { title: Name, type: string, ui:field: EntityNamePicker, ui:autofocus: true }
        description: { title: Description, type: string, ui:widget: textarea, maxLength: 5000 }
        email: { title: Email, type: string, format: email }
        site: { title: Site, type: string, format: uri }
        day: { title: Day, type: string, format: date }
        port: { title: Port, type: integer, minimum: 1, maximum: 65535, default: 8080 }
        ratio: { title: Ratio, type: number }
        public: { title: Public, type: boolean, description: Anyone can see it }
        lifecycle: { title: Lifecycle, type: string, enum: [experimental, production], enumNames: [Experimental, Production] }
        size: { title: Size, type: string, enum: [s, m, l], ui:widget: radio }
        langs: { title: Languages, type: array, items: { type: string, enum: [ts, go, rust] }, ui:widget: checkboxes }
        regions: { title: Regions, type: array, items: { type: string, enum: [eu, us] } }
        tags: { title: Tags, type: array, items: { type: string } }
        extra: { title: Extra, type: object }
        owner: { title: Owner, type: string, ui:field: OwnerPicker }
        system: { title: System, type: string, ui:field: EntityPicker, ui:options: { catalogFilter: { kind: System } } }
        repoUrl: { title: Repository, type: string, ui:field: RepoUrlPicker }
        secretish: { type: string, ui:widget: hidden, default: kept }
  steps: [{ id: log, action: debug:log, input: { message: hi } }]
`);

function blockFor(view: ModalView, name: string, part?: string): InputBlock {
  const block = view.blocks.find((b) => b.type === 'input' && b.block_id === blockIdOf({ name }, part));
  if (!block) throw new Error(`no block for ${name}`);
  return block as InputBlock;
}

const meta = (pages: number[], values: Record<string, unknown> = {}, depth = 1): FormMetadata => ({
  template: 'template:default/x',
  requestId: 'req-1',
  pages,
  depth,
  values,
});

describe('the form generator', () => {
  const view = formView(everyKind, meta([0]), {}, context);

  it('turns each field type into the Slack input that fits it', () => {
    const types = Object.fromEntries(
      view.blocks
        .filter((b): b is InputBlock => b.type === 'input')
        .map((b) => [b.block_id!.replace(/^field:/, ''), b.element.type]),
    );
    expect(types).toEqual({
      name: 'plain_text_input',
      description: 'plain_text_input',
      email: 'email_text_input',
      site: 'url_text_input',
      day: 'datepicker',
      port: 'number_input',
      ratio: 'number_input',
      public: 'checkboxes',
      lifecycle: 'static_select',
      size: 'radio_buttons',
      langs: 'checkboxes',
      regions: 'multi_static_select',
      tags: 'plain_text_input',
      extra: 'plain_text_input',
      owner: 'external_select',
      system: 'external_select',
      repoUrl: 'plain_text_input',
    });
    expect(blockFor(view, 'description').element).toMatchObject({ multiline: true, max_length: 3000 });
    expect(blockFor(view, 'port').element).toMatchObject({
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '65535',
      initial_value: '8080',
    });
    expect(blockFor(view, 'ratio').element).toMatchObject({ is_decimal_allowed: true });
    expect(blockFor(view, 'lifecycle').element).toMatchObject({
      options: [
        { text: { text: 'Experimental' }, value: '0' },
        { text: { text: 'Production' }, value: '1' },
      ],
    });
    expect(blockFor(view, 'owner').element).toMatchObject({
      action_id: 'callboard.create.entity',
      min_query_length: 0,
    });
    expect(blockFor(view, 'name')).toMatchObject({ optional: false, element: { focus_on_load: true } });
    expect(blockFor(view, 'public')).toMatchObject({ optional: true });
    expect(blockFor(view, 'repoUrl').hint?.text).toMatch(/Created in acme/);
    expect(view.blocks.some((b) => b.block_id === 'field:secretish')).toBe(false);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text).toBe('Create');
    expect(decodeFormMetadata(view.private_metadata)).toMatchObject({ requestId: 'req-1', pages: [0] });
  });

  it('reads the submitted state back into values and checks them with ajv', async () => {
    const state: ViewStateValues = {
      [blockIdOf({ name: 'name' })]: { value: { type: 'plain_text_input', value: 'payments' } },
      [blockIdOf({ name: 'port' })]: { value: { type: 'number_input', value: '9090' } },
      [blockIdOf({ name: 'public' })]: { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
      [blockIdOf({ name: 'lifecycle' })]: { value: { type: 'static_select', selected_option: { value: '1' } } },
      [blockIdOf({ name: 'langs' })]: {
        value: { type: 'checkboxes', selected_options: [{ value: '0' }, { value: '2' }] },
      },
      [blockIdOf({ name: 'tags' })]: { value: { type: 'plain_text_input', value: 'a\nb, c\n' } },
      [blockIdOf({ name: 'extra' })]: { value: { type: 'plain_text_input', value: '{"a":1}' } },
      [blockIdOf({ name: 'day' })]: { value: { type: 'datepicker', selected_date: '2024-05-01' } },
      [blockIdOf({ name: 'owner' })]: {
        'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/payments' } },
      },
      [blockIdOf({ name: 'repoUrl' })]: { value: { type: 'plain_text_input', value: 'payments' } },
    };
    const outcome = await handleFormSubmission(everyKind, meta([0]), state, context);
    expect(outcome).toEqual({
      type: 'complete',
      requestId: 'req-1',
      channelId: undefined,
      values: {
        name: 'payments',
        port: 9090,
        public: true,
        lifecycle: 'production',
        langs: ['ts', 'rust'],
        tags: ['a', 'b', 'c'],
        extra: { a: 1 },
        day: '2024-05-01',
        owner: 'group:default/payments',
        repoUrl: 'github.com?owner=acme&repo=payments',
        secretish: 'kept',
      },
    });
  });

  it('puts each error under its field: spaces in a name, a taken repository, a missing required field', async () => {
    const state: ViewStateValues = {
      [blockIdOf({ name: 'name' })]: { value: { value: 'my service' } },
      [blockIdOf({ name: 'email' })]: { value: { value: 'not-an-email' } },
      [blockIdOf({ name: 'repoUrl' })]: { value: { value: 'payments' } },
      [blockIdOf({ name: 'extra' })]: { value: { value: '{oops' } },
    };
    const asked: string[] = [];
    const checks = {
      repositoryExists: async (owner: string, repo: string) => {
        asked.push(`${owner}/${repo}`);
        return true;
      },
    };
    const withJson = await handleFormSubmission(everyKind, meta([0]), state, context, checks);
    expect(withJson).toEqual({ type: 'errors', errors: { 'field:extra': 'Enter valid JSON.' } });
    delete (state as Record<string, unknown>)[blockIdOf({ name: 'extra' })];
    const outcome = await handleFormSubmission(everyKind, meta([0]), state, context, checks);
    expect(outcome).toEqual({
      type: 'errors',
      errors: {
        'field:name': 'A name cannot contain spaces; use - instead.',
        'field:email': 'Enter an email address.',
        'field:owner': 'This field is required.',
        'field:lifecycle': 'This field is required.',
        'field:repoUrl': 'A repository named payments already exists in acme.',
      },
    });
    expect(asked).toEqual(['acme/payments']);
  });

  it('refuses a repository name GitHub would refuse, before asking GitHub', async () => {
    const state: ViewStateValues = {
      [blockIdOf({ name: 'name' })]: { value: { value: 'ok' } },
      [blockIdOf({ name: 'lifecycle' })]: { value: { selected_option: { value: '0' } } },
      [blockIdOf({ name: 'owner' })]: { x: { selected_option: { value: 'group:default/a' } } },
      [blockIdOf({ name: 'repoUrl' })]: { value: { value: 'bad name!' } },
    };
    const outcome = await handleFormSubmission(everyKind, meta([0]), state, context, {
      repositoryExists: async () => {
        throw new Error('not asked');
      },
    });
    expect(outcome).toEqual({
      type: 'errors',
      errors: { 'field:repoUrl': 'A repository name cannot contain spaces; use - instead.' },
    });
  });
});

const wizard = template(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: wizard }
spec:
  type: service
  parameters:
    - title: Cloud
      required: [cloud]
      properties:
        cloud: { type: string, enum: [AWS, GCP] }
    - title: AWS
      when: \${{ parameters.cloud === 'AWS' }}
      required: [region]
      properties:
        region: { type: string, enum: [us-east-1, eu-west-1] }
    - title: GCP
      when: \${{ parameters.cloud === 'GCP' }}
      properties:
        project: { type: string }
    - title: Monitoring
      properties:
        alerts: { type: boolean, default: false }
    - title: Alerts
      when: \${{ parameters.alerts }}
      required: [email]
      properties:
        email: { type: string, format: email }
  steps: [{ id: log, action: debug:log, input: { message: hi } }]
`);

describe('several pages', () => {
  it('become one long form when they fit and have no conditions', () => {
    const twoPages = template(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: two }
spec:
  type: service
  parameters:
    - { title: One, properties: { a: { type: string } } }
    - { title: Two, properties: { b: { type: string } } }
  steps: [{ id: log, action: debug:log, input: { message: hi } }]
`);
    expect(formLayout(twoPages)).toBe('long');
    const view = formView(twoPages, meta(firstPages(twoPages)), {}, context);
    expect(view.blocks.map((b) => b.type)).toEqual(['section', 'header', 'input', 'header', 'input']);
    expect(view.submit?.text).toBe('Create');
  });

  it('become pushed views, at most three deep, following `when`', async () => {
    expect(formLayout(wizard)).toBe('wizard');
    const first = formView(wizard, meta(firstPages(wizard)), {}, context);
    expect(first.submit?.text).toBe('Next');
    const pick = (i: number) => ({ value: { selected_option: { value: String(i) } } });

    const second = await handleFormSubmission(wizard, meta([0], {}, 2), { 'field:cloud': pick(1) }, context);
    expect(second.type).toBe('next');
    if (second.type !== 'next') return;
    expect(second.push).toBe(true);
    const secondMeta = decodeFormMetadata(second.view.private_metadata)!;
    expect(secondMeta).toMatchObject({ pages: [2], depth: 3, values: { cloud: 'GCP' } });

    const third = await handleFormSubmission(
      wizard,
      secondMeta,
      { 'field:project': { value: { value: 'p1' } } },
      context,
    );
    if (third.type !== 'next') throw new Error('expected the next page');
    // The stack is full: the view is replaced in place from now on.
    expect(third.push).toBe(false);
    const thirdMeta = decodeFormMetadata(third.view.private_metadata)!;
    expect(thirdMeta).toMatchObject({ pages: [3], depth: 3, values: { cloud: 'GCP', project: 'p1' } });

    const done = await handleFormSubmission(
      wizard,
      thirdMeta,
      { 'field:alerts': { value: { selected_options: [] } } },
      context,
    );
    expect(done).toEqual({
      type: 'complete',
      requestId: 'req-1',
      channelId: undefined,
      values: { cloud: 'GCP', project: 'p1', alerts: false },
    });
  });

  it('checks each page before moving on', async () => {
    const outcome = await handleFormSubmission(wizard, meta([0]), {}, context);
    expect(outcome).toEqual({ type: 'errors', errors: { 'field:cloud': 'This field is required.' } });
  });
});

describe('Slack limits', () => {
  it('clips long texts and names forms that cannot fit', () => {
    const fields = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [`f${i}`, { type: 'string', title: 'x'.repeat(3000) }]),
    );
    const big = template(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: big, title: ${'A very long template title indeed'} }
spec:
  type: service
  parameters:
    - title: Too many
      properties: ${JSON.stringify(fields)}
  steps: [{ id: log, action: debug:log, input: { message: hi } }]
`);
    expect(checkFormLimits(big)).toEqual([
      expect.stringMatching(/page 1 "Too many" needs 121 blocks; a Slack modal holds at most 100/),
    ]);
    const view = formView(big, meta([0]), {}, context);
    expect(view.blocks).toHaveLength(100);
    expect(view.title.text).toBe('A very long template ti…');
    expect((view.blocks[1] as InputBlock).label.text.length).toBe(2000);
  });

  it('never cuts an emoji in half when a title is clipped', () => {
    // 22 characters, then an emoji (two UTF-16 units) across the modal title's 24-character cut.
    const rocket = template(`
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: rocket, title: "Launch a new services 🚀🚀 today" }
spec:
  type: service
  parameters: [{ title: Name, properties: { name: { type: string } } }]
  steps: [{ id: log, action: debug:log, input: { message: hi } }]
`);
    const title = formView(rocket, meta([0]), {}, context).title.text;
    expect(title).toBe('Launch a new services …');
  });

  it('offers templates grouped by type in the picker', () => {
    const view = pickerView([everyKind, wizard], { requestId: 'r' });
    const select = (view.blocks[1] as InputBlock).element as { option_groups?: unknown[]; options?: unknown[] };
    expect(select.options).toHaveLength(2);
    expect((view.blocks[1] as InputBlock).dispatch_action).toBe(true);
  });
});
