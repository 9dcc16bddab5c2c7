// Checks catalog files without a database, with the rules sync applies (the same parser, the same
// planner), plus the references the files make to entities that none of them defines.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { entityReferences, fieldLines, type CatalogEntity, type Problem } from '../catalog/index.js';
import { folderPlaceholderResolver, readFolder } from '../sources/local/index.js';
import type { LocationSnapshot } from '../sources/types.js';
import { parseForSync, planLocationChange } from '../sync/index.js';

export interface Finding {
  severity: 'error' | 'warning';
  /** The file as the user named it (relative to where they ran the command, when inside it). */
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export interface Validation {
  findings: Finding[];
  files: number;
  entities: CatalogEntity[];
}

/** Says which of `refs` exist elsewhere (the running catalog); absent: only the files given count. */
export type KnownRefs = (refs: string[]) => Promise<Set<string>>;

const EMPTY_STATE = { held: false, files: new Map(), entities: new Map() };

export async function validatePaths(
  paths: string[],
  options: { cwd?: string; knownRefs?: KnownRefs } = {},
): Promise<Validation> {
  const cwd = options.cwd ?? process.cwd();
  const findings: Finding[] = [];
  const entities: CatalogEntity[] = [];
  const providedBy = new Map<string, string>();
  const lines = new Map<string, ReturnType<typeof fieldLines>>();
  const texts = new Map<string, string>();
  let files = 0;

  for (const path of paths) {
    const { snapshot, shown } = await snapshotOf(resolve(cwd, path), cwd);
    if (snapshot.status !== 'ok') {
      findings.push({ severity: 'error', file: path, message: snapshot.error ?? 'could not be read' });
      continue;
    }
    const display = (file: string) => join(shown, file);
    for (const file of snapshot.files) if (file.status === 'read') texts.set(display(file.path), file.text);
    const { change } = planLocationChange(snapshot, EMPTY_STATE, parseForSync);
    files += snapshot.files.length;
    if (snapshot.type === 'file' && !change.upserts.length && !change.problems.length && !change.failedFiles.length) {
      // Sync passes over such a file in a folder; named on its own, it was meant to be a catalog file.
      const message = 'holds no catalog entity: no document has an apiVersion or a kind';
      findings.push({ severity: 'error', file: path, message });
    }
    for (const failed of change.failedFiles) {
      findings.push({ severity: 'error', file: display(failed.path), message: `could not be read: ${failed.error}` });
    }
    for (const problem of change.problems) findings.push(locate(problem, display(problem.file)));
    for (const entity of change.upserts) {
      const file = display(entity.origin.file);
      const holder = providedBy.get(entity.ref);
      if (holder !== undefined) {
        const message = `${entity.ref} is already defined in ${holder}; this copy is ignored`;
        findings.push(locate({ ...entity.origin, file, message }, file));
        continue;
      }
      providedBy.set(entity.ref, file);
      entities.push({ ...entity, origin: { ...entity.origin, file } });
    }
  }

  const references = entities.flatMap((entity) =>
    entityReferences(entity.entity)
      .filter((reference) => !providedBy.has(reference.target))
      .map((reference) => ({ entity, reference })),
  );
  const known =
    options.knownRefs && references.length
      ? await options.knownRefs([...new Set(references.map((r) => r.reference.target))])
      : new Set<string>();
  const where = options.knownRefs ? 'these files or the catalog' : 'these files';
  for (const { entity, reference } of references) {
    if (known.has(reference.target)) continue;
    findings.push({
      ...locate({ ...entity.origin, field: reference.field, message: '' }, entity.origin.file),
      severity: 'warning',
      message: `names ${reference.target}, which is not in ${where}`,
    });
  }
  return { findings: findings.sort(byPlace), files, entities };

  function locate(problem: Problem, file: string): Finding {
    let fileLines = lines.get(file);
    if (!fileLines && texts.has(file)) {
      fileLines = fieldLines(texts.get(file)!);
      lines.set(file, fileLines);
    }
    const line = problem.document !== undefined ? fileLines?.lineOf(problem.document, problem.field) : undefined;
    // A document js-yaml cannot read has no fields to place; its message says where it broke.
    const yamlLine = /at line (\d+)/.exec(problem.message)?.[1];
    // `spec.owner: spec.owner is required` reads better without the field twice.
    const { field } = problem;
    const message =
      field && problem.message.startsWith(field) && /^[: ]/.test(problem.message.slice(field.length))
        ? problem.message.slice(field.length).replace(/^:? /, '')
        : problem.message;
    return { severity: 'error', file, line: line ?? (yamlLine ? Number(yamlLine) : undefined), field, message };
  }
}

/** A folder as sync reads it; a single file as a location of its own, read from its folder. */
async function snapshotOf(absolute: string, cwd: string): Promise<{ snapshot: LocationSnapshot; shown: string }> {
  const shown = relativeOrAbsolute(absolute, cwd);
  let isFile = false;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch {
    // readFolder reports the path as missing, in its words.
  }
  if (!isFile) return { snapshot: await readFolder(absolute), shown };
  const root = dirname(absolute);
  const path = basename(absolute);
  const snapshot: LocationSnapshot = {
    key: `file:${absolute}`,
    type: 'file',
    target: absolute,
    status: 'ok',
    files: [],
    resolvePlaceholder: folderPlaceholderResolver(root),
  };
  try {
    const text = await readFile(absolute, 'utf8');
    snapshot.files.push({ path, status: 'read', text, sha: createHash('sha256').update(text).digest('hex') });
  } catch (error) {
    snapshot.files.push({ path, status: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
  return { snapshot, shown: relativeOrAbsolute(root, cwd) };
}

function relativeOrAbsolute(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') ? path : shown;
}

function byPlace(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.field ?? '').localeCompare(b.field ?? '');
}
