// Every template /create offers: the folders of templates Callboard is configured with, and the
// Template entities in the catalog (read from a folder, or from a GitHub repository whose
// skeleton is fetched from there). A folder template wins over a catalog entity of the same ref.
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogStore, StoredEntity } from '../../store/index.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { TemplateDefinition, TemplateProblem, TemplateSource, UnavailableTemplate } from '../types.js';
import { loadTemplateFolders, type TemplateLoad } from './load-template-folders.js';
import { readTemplate } from './read-template.js';

interface TemplateCatalogOptions {
  folders: string[];
  actions: ActionRegistry;
  /** Offer the catalog's Template entities too (absent: folders only). */
  store?: Pick<CatalogStore, 'listEntities' | 'catalogVersion'>;
}

/** Where the skeleton of a catalog Template is read from: beside its template.yaml. */
function sourceOf(stored: StoredEntity): TemplateSource | undefined {
  if (stored.fileUrl && /^https?:\/\//.test(stored.fileUrl)) return { type: 'url', url: stored.fileUrl };
  const file = stored.fileUrl?.startsWith('file://')
    ? fileURLToPath(stored.fileUrl)
    : isAbsolute(stored.file)
      ? stored.file
      : undefined;
  // The template's own folder bounds what its skeleton may read.
  return file ? { type: 'folder', dir: dirname(file), file, root: dirname(file) } : undefined;
}

export class TemplateCatalog {
  private folderLoad?: Promise<TemplateLoad>;
  private fromCatalog?: { version: number } & TemplateLoad;

  constructor(private readonly options: TemplateCatalogOptions) {}

  /** Reads the template folders again (they are read once, on first use, otherwise). */
  reload(): void {
    this.folderLoad = undefined;
  }

  private folders() {
    this.folderLoad ??= loadTemplateFolders(this.options.folders, this.options.actions);
    return this.folderLoad;
  }

  private async catalogTemplates(): Promise<TemplateLoad> {
    const store = this.options.store;
    if (!store) return { templates: [], problems: [], unavailable: [] };
    const version = await store.catalogVersion();
    if (this.fromCatalog?.version === version) return this.fromCatalog;
    const templates: TemplateDefinition[] = [];
    const problems: TemplateProblem[] = [];
    const unavailable: UnavailableTemplate[] = [];
    for (const stored of await store.listEntities({ kind: 'template' })) {
      const source = sourceOf(stored);
      const where = stored.fileUrl ?? stored.file;
      if (!source) {
        problems.push({ template: where, message: `${stored.ref}: its skeleton cannot be located (no folder or URL)` });
        continue;
      }
      const reading = readTemplate(stored.entity, source, this.options.actions, where);
      problems.push(...reading.problems);
      if (reading.unavailable) unavailable.push(reading.unavailable);
      if (reading.template) templates.push(reading.template);
    }
    this.fromCatalog = { version, templates, problems, unavailable };
    return this.fromCatalog;
  }

  async list(): Promise<TemplateDefinition[]> {
    const [folders, catalog] = await Promise.all([this.folders(), this.catalogTemplates()]);
    const byRef = new Map<string, TemplateDefinition>();
    for (const t of [...catalog.templates, ...folders.templates]) byRef.set(t.ref, t);
    return [...byRef.values()].sort((a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref));
  }

  async get(ref: string): Promise<TemplateDefinition | undefined> {
    const wanted = ref.toLowerCase();
    return (await this.list()).find((t) => t.ref === wanted);
  }

  /** A template by ref, name or title, for `/create <words>`. */
  async find(words: string): Promise<TemplateDefinition | undefined> {
    const w = words.trim().toLowerCase();
    if (!w) return undefined;
    const all = await this.list();
    return (
      all.find((t) => t.ref === w) ??
      all.find((t) => t.name.toLowerCase() === w) ??
      all.find((t) => t.title.toLowerCase() === w)
    );
  }

  /** Templates that were read but cannot run, each with why; a template that runs from elsewhere is left out. */
  async unavailable(): Promise<UnavailableTemplate[]> {
    const [folders, catalog] = await Promise.all([this.folders(), this.catalogTemplates()]);
    const running = new Set((await this.list()).map((t) => t.ref));
    const byRef = new Map<string, UnavailableTemplate>();
    for (const t of [...catalog.unavailable, ...folders.unavailable]) if (!running.has(t.ref)) byRef.set(t.ref, t);
    return [...byRef.values()].sort((a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref));
  }

  /** The unavailable template `/create <words>` names (by ref, name or title), to say why it cannot run. */
  async findUnavailable(words: string): Promise<UnavailableTemplate | undefined> {
    const w = words.trim().toLowerCase();
    if (!w) return undefined;
    const all = await this.unavailable();
    return all.find((t) => t.ref === w || t.name.toLowerCase() === w || t.title.toLowerCase() === w);
  }

  async problems(): Promise<TemplateProblem[]> {
    const [folders, catalog] = await Promise.all([this.folders(), this.catalogTemplates()]);
    return [...folders.problems, ...catalog.problems];
  }
}
