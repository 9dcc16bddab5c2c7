// A catalog file in, its entities and problems out. Problems are values: one bad document
// never stops the others. Also written as pausable steps, a pause after each document, so that a
// sync in the serving process never holds its event loop for a whole large file.
import { noticeAnnotationProblems } from './notice-annotation.js';
import { ExpansionBudget, expansionLimitsFor } from './expansion-budget.js';
import type { PlaceholderResolver } from './placeholders.js';
import { readEntityDocument } from './read-document.js';
import type { CatalogEntity, Origin, ParseResult, Problem } from './types.js';
import { runToEnd, type Steps } from '../slices.js';
import { readYamlDocumentsSteps, type YamlDocument } from './yaml-documents.js';

/**
 * The default size limit of one catalog file (CATALOG_MAX_FILE_MB): an HR export of a
 * 100k-person organisation as one multi-document file (people, teams and domains, about 28 MB)
 * fits; a hostile file is bounded by it and, once read, by its expansion budget.
 */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface ParseCatalogFileOptions {
  /** Larger files are refused with a problem (default DEFAULT_MAX_BYTES). */
  maxBytes?: number;
  /**
   * When no document of the file has an `apiVersion` or a `kind` (an OpenAPI file, a workflow),
   * report it as not an entity file instead of reporting problems.
   */
  skipNonEntityFiles?: boolean;
  /** Reads `$text`, `$json` and `$yaml` targets; without it they stay as their URL or path. */
  resolvePlaceholder?: PlaceholderResolver;
}

export interface CatalogFileParseResult extends ParseResult {
  /** False when skipNonEntityFiles is set and the file holds no entity documents. */
  isEntityFile: boolean;
  /**
   * True when some document could not be read as YAML (or the file was too large): what that
   * document declared is unknown, so sync keeps the entities the file had before.
   */
  unreadable: boolean;
}

const ENTITY_KEY_LINE = /^(?:apiVersion|kind)[ \t]*:/m;

function hasEntityKey(document: YamlDocument): boolean {
  if (!document.ok) return ENTITY_KEY_LINE.test(document.source);
  const value = document.value;
  return value !== null && typeof value === 'object' && ('apiVersion' in value || 'kind' in value);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function parseCatalogFile(
  text: string,
  origin: { file: string; url?: string },
  options: ParseCatalogFileOptions = {},
): CatalogFileParseResult {
  return runToEnd(parseCatalogFileSteps(text, origin, options));
}

/** parseCatalogFile as pausable steps (see slices.ts). */
export function* parseCatalogFileSteps(
  text: string,
  origin: { file: string; url?: string },
  options: ParseCatalogFileOptions = {},
): Steps<CatalogFileParseResult> {
  const { file, url } = origin;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const notEntities: CatalogFileParseResult = { entities: [], problems: [], isEntityFile: false, unreadable: false };

  const size = byteLength(text);
  if (size > maxBytes) {
    if (options.skipNonEntityFiles && !ENTITY_KEY_LINE.test(text)) return notEntities;
    return {
      entities: [],
      problems: [
        {
          file,
          message: `The file is ${size} bytes, over the ${maxBytes}-byte limit for catalog files: split it into smaller files`,
        },
      ],
      isEntityFile: true,
      unreadable: true,
    };
  }

  // One budget for the whole file: its documents and everything its placeholders bring in.
  const budget = new ExpansionBudget(expansionLimitsFor(size));
  const documents = yield* readYamlDocumentsSteps(text, file, budget);
  if (options.skipNonEntityFiles && !documents.some(hasEntityKey)) return notEntities;

  const entities: CatalogEntity[] = [];
  const problems: Problem[] = [];
  const documentOfRef = new Map<string, number>();
  for (const document of documents) {
    yield;
    if (!document.ok) {
      problems.push({
        file,
        document: document.index,
        message: `Cannot read the YAML at line ${document.line}, column ${document.column}: ${document.reason}`,
      });
      continue;
    }
    // An empty document, such as a trailing `---`, is nothing to report.
    if (document.value === null) continue;
    const reading = readEntityDocument(document.value, { file, url, resolve: options.resolvePlaceholder, budget });
    const where = { file, document: document.index, ...(reading.ref ? { entityRef: reading.ref } : {}) };
    if (!reading.entity || !reading.ref) {
      problems.push(
        ...reading.problems.map((p) => ({ ...where, ...(p.field ? { field: p.field } : {}), message: p.message })),
      );
      continue;
    }
    const first = documentOfRef.get(reading.ref);
    if (first !== undefined) {
      problems.push({
        ...where,
        message: `${reading.ref} is defined twice in this file, in documents ${first + 1} and ${document.index + 1}: the first is kept`,
      });
      continue;
    }
    documentOfRef.set(reading.ref, document.index);
    const entityOrigin: Origin = { file, ...(url ? { url } : {}), document: document.index };
    entities.push({ ref: reading.ref, entity: reading.entity, relations: reading.relations, origin: entityOrigin });
    // Problems that keep the entity: it is stored, and the problem is reported against its field.
    problems.push(
      ...noticeAnnotationProblems(reading.entity).map((p) => ({ ...where, field: p.field, message: p.message })),
    );
  }
  return { entities, problems, isEntityFile: true, unreadable: documents.some((d) => !d.ok) };
}
