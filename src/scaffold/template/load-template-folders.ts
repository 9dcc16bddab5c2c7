// Finds templates in folders: each subfolder of a templates root that holds a template.yaml
// (or the root itself, when it holds one). Every problem is reported; good templates load
// even when a neighbour is broken.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseCatalogFile } from '../../catalog/parse.js';
import type { ActionRegistry } from '../actions/registry.js';
import { hasExpression } from '../templating/expressions/index.js';
import type { TemplateDefinition, TemplateProblem } from '../types.js';
import { readTemplate } from './read-template.js';

export interface TemplateLoad {
  templates: TemplateDefinition[];
  problems: TemplateProblem[];
}

const FILE_NAMES = ['template.yaml', 'template.yml'];

// Template folders are the operator's choice, so links to them are followed; a skeleton's own
// files are read without following links (folder-skeleton-reader.ts).
async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** A path as the person running Callboard would write it: relative to where they are, when below it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function templateFileIn(dir: string): Promise<string | undefined> {
  for (const name of FILE_NAMES) {
    const file = join(dir, name);
    if ((await stat(file).catch(() => undefined))?.isFile()) return file;
  }
  return undefined;
}

export async function loadTemplateFolder(dir: string, root: string, actions: ActionRegistry): Promise<TemplateLoad> {
  const file = await templateFileIn(dir);
  const where = shown(file ?? dir);
  if (!file) return { templates: [], problems: [{ template: where, message: 'has no template.yaml' }] };
  const text = await readFile(file, 'utf8');
  const parsed = parseCatalogFile(text, { file: where });
  const problems: TemplateProblem[] = parsed.problems.map((p) => ({
    template: where,
    ...(p.field ? { field: p.field } : {}),
    message: p.message,
  }));
  const entities = parsed.entities.filter((e) => e.entity.kind.toLowerCase() === 'template');
  if (!entities.length) {
    if (!problems.length)
      problems.push({
        template: where,
        message: 'declares no Template (kind: Template, apiVersion: scaffolder.backstage.io/v1beta3)',
      });
    return { templates: [], problems };
  }
  const templates: TemplateDefinition[] = [];
  for (const { entity } of entities) {
    const reading = readTemplate(entity, { type: 'folder', dir, file, root }, actions, where);
    problems.push(...reading.problems);
    if (reading.template) {
      const missing = await missingSkeletons(reading.template);
      problems.push(...missing.map((message) => ({ template: where, message })));
      if (!missing.length) templates.push(reading.template);
    }
  }
  return { templates, problems };
}

/** fetch steps whose skeleton folder is written out literally and does not exist. */
async function missingSkeletons(template: TemplateDefinition): Promise<string[]> {
  if (template.source.type !== 'folder') return [];
  const out: string[] = [];
  for (const step of template.steps) {
    if (step.action !== 'fetch:template' && step.action !== 'fetch:plain') continue;
    const url = step.input.url;
    if (typeof url !== 'string' || hasExpression(url) || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) continue;
    if (!(await isDirectory(resolve(template.source.dir, url)))) {
      out.push(`step "${step.name}" fetches the skeleton "${url}", which is not a folder next to template.yaml`);
    }
  }
  return out;
}

export async function loadTemplateFolders(roots: string[], actions: ActionRegistry): Promise<TemplateLoad> {
  const load: TemplateLoad = { templates: [], problems: [] };
  const add = (part: TemplateLoad): void => {
    load.templates.push(...part.templates);
    load.problems.push(...part.problems);
  };
  for (const rootPath of roots) {
    const root = resolve(rootPath);
    if (!(await isDirectory(root))) {
      load.problems.push({ template: rootPath, message: 'is not a folder' });
      continue;
    }
    if (await templateFileIn(root)) {
      add(await loadTemplateFolder(root, root, actions));
      continue;
    }
    const entries = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const dir = join(root, entry.name);
      if (await templateFileIn(dir)) add(await loadTemplateFolder(dir, root, actions));
    }
  }
  const byRef = new Map<string, TemplateDefinition>();
  for (const template of load.templates) {
    const first = byRef.get(template.ref);
    if (first) {
      const where = (t: TemplateDefinition): string => (t.source.type === 'folder' ? t.source.file : t.source.url);
      load.problems.push({
        template: where(template),
        message: `${template.ref} is also defined in ${where(first)}; this copy is ignored`,
      });
    } else {
      byRef.set(template.ref, template);
    }
  }
  load.templates = [...byRef.values()];
  return load;
}
