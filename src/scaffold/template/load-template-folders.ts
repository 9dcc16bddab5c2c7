// Finds templates in folders: each subfolder of a templates root that holds a template.yaml
// (or the root itself, when it holds one). Every problem is reported; good templates load
// even when a neighbour is broken.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { parseCatalogFile } from '../../catalog/parse.js';
import { readPlaceholder } from '../../sources/local/read-placeholder.js';
import { skeletonOutsideRoots } from '../templating/folder-skeleton-reader.js';
import type { ActionRegistry } from '../actions/registry.js';
import { hasExpression } from '../templating/expressions/index.js';
import type { TemplateDefinition, TemplateProblem, UnavailableTemplate } from '../types.js';
import { readTemplate, unavailableTemplate } from './read-template.js';

export interface TemplateLoad {
  templates: TemplateDefinition[];
  problems: TemplateProblem[];
  /** Templates read but unable to run, with why (their problems are in `problems` too). */
  unavailable: UnavailableTemplate[];
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

export async function loadTemplateFolder(
  dir: string,
  root: string,
  actions: ActionRegistry,
  roots: string[] = [root],
): Promise<TemplateLoad> {
  const file = await templateFileIn(dir);
  const where = shown(file ?? dir);
  if (!file)
    return { templates: [], problems: [{ template: where, message: 'has no template.yaml' }], unavailable: [] };
  const text = await readFile(file, 'utf8');
  // $text, $json and $yaml read files inside the templates root, as a catalog folder's do.
  const realRoot = realpathSync(root);
  const parsed = parseCatalogFile(
    text,
    { file: where },
    { resolvePlaceholder: (kind, target) => readPlaceholder(root, realRoot, kind, target, relative(root, file)) },
  );
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
    return { templates: [], problems, unavailable: [] };
  }
  const templates: TemplateDefinition[] = [];
  const unavailable: UnavailableTemplate[] = [];
  for (const { entity } of entities) {
    const reading = readTemplate(entity, { type: 'folder', dir, file, root, roots }, actions, where);
    problems.push(...reading.problems);
    if (reading.unavailable) unavailable.push(reading.unavailable);
    if (reading.template) {
      const missing = await missingSkeletons(reading.template);
      problems.push(...missing.map((message) => ({ template: where, message })));
      if (!missing.length) templates.push(reading.template);
      else
        unavailable.push(
          unavailableTemplate(
            reading.template,
            where,
            missing.map((message) => ({ message })),
          ),
        );
    }
  }
  return { templates, problems, unavailable };
}

/** fetch steps whose skeleton folder is written out literally and does not exist. */
async function missingSkeletons(template: TemplateDefinition): Promise<string[]> {
  if (template.source.type !== 'folder') return [];
  const out: string[] = [];
  for (const [i, step] of template.steps.entries()) {
    if (!step.action.startsWith('fetch:')) continue;
    const url = step.input.url;
    if (typeof url !== 'string' || hasExpression(url) || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) continue;
    const outside = skeletonOutsideRoots(url, template.source);
    if (outside) {
      out.push(`step "${step.name}" (spec.steps[${i}].input.url): ${outside}`);
      continue;
    }
    if (step.action !== 'fetch:template' && step.action !== 'fetch:plain') continue;
    if (!(await isDirectory(resolve(template.source.dir, url)))) {
      out.push(`step "${step.name}" fetches the skeleton "${url}", which is not a folder next to template.yaml`);
    }
  }
  return out;
}

/** How deep below a root templates are looked for (`templates/github/<name>/template.yaml` is 3). */
const MAX_DEPTH = 4;

/**
 * Folders below `dir` holding a template.yaml, in name order. A template's own subfolders are its
 * skeletons and are not searched; hidden folders and node_modules are skipped.
 */
async function templateFolders(dir: string, depth: number): Promise<string[]> {
  if (depth === 0) return [];
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name));
  const found: string[] = [];
  for (const entry of entries) {
    const sub = join(dir, entry.name);
    if (await templateFileIn(sub)) found.push(sub);
    else found.push(...(await templateFolders(sub, depth - 1)));
  }
  return found;
}

export async function loadTemplateFolders(roots: string[], actions: ActionRegistry): Promise<TemplateLoad> {
  const load: TemplateLoad = { templates: [], problems: [], unavailable: [] };
  const add = (part: TemplateLoad): void => {
    load.templates.push(...part.templates);
    load.problems.push(...part.problems);
    load.unavailable.push(...part.unavailable);
  };
  const allRoots = roots.map((r) => resolve(r));
  for (const rootPath of roots) {
    const root = resolve(rootPath);
    if (!(await isDirectory(root))) {
      load.problems.push({ template: rootPath, message: 'is not a folder' });
      continue;
    }
    if (await templateFileIn(root)) {
      add(await loadTemplateFolder(root, root, actions, allRoots));
      continue;
    }
    for (const dir of await templateFolders(root, MAX_DEPTH))
      add(await loadTemplateFolder(dir, root, actions, allRoots));
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
