// Two templates with one title (the shipped "TypeScript HTTP service" and the demo catalog's):
// the /create picker must let a person tell them apart.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { pickerView } from '../../commands/create/form/form-views.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { loadTemplateFolders } from '../../src/scaffold/template/load-template-folders.js';
import { templateLabels } from '../../src/scaffold/template/template-labels.js';

const EXAMPLE_TEMPLATES = resolve(defaultTemplateDir(), '../examples/templates');

describe('template labels', () => {
  it('the shipped and the demo "TypeScript HTTP service" read differently in the picker', async () => {
    const { templates } = await loadTemplateFolders([defaultTemplateDir(), EXAMPLE_TEMPLATES], actionRegistry());
    const twins = templates.filter((t) => t.title === 'TypeScript HTTP service');
    expect(twins.map((t) => t.name).sort()).toEqual(['typescript-http-service', 'typescript-service']);

    const view = pickerView(templates, { requestId: 'r' });
    const json = JSON.stringify(view);
    expect(json).toContain('TypeScript HTTP service (typescript-service)');
    expect(json).toContain('TypeScript HTTP service (typescript-http-service)');
    const labels = [...templateLabels(templates).values()];
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps a unique title as it is, and tells apart the same title and name by ref', async () => {
    const { templates } = await loadTemplateFolders([defaultTemplateDir()], actionRegistry());
    const labels = templateLabels(templates);
    for (const t of templates) expect(labels.get(t.ref)).toBe(t.title);
    const one = templates[0];
    const twin = { ...one, ref: `template:other/${one.name}` };
    const both = templateLabels([one, twin]);
    expect(both.get(one.ref)).toBe(`${one.title} (${one.ref})`);
    expect(both.get(twin.ref)).toBe(`${one.title} (template:other/${one.name})`);
  });
});
