// Splits a YAML stream into its documents and loads each on its own, so that a syntax error
// in one document does not hide the others (js-yaml's loadAll stops at the first error).
import { load, loadAll } from 'js-yaml';
import type { Steps } from '../slices.js';
import { ExpansionBudget } from './expansion-budget.js';

export type YamlDocument =
  | { index: number; ok: true; value: unknown; source: string }
  | { index: number; ok: false; source: string; line: number; column: number; reason: string };

interface Chunk {
  text: string;
  /** 0-based line of the file where the chunk starts. */
  firstLine: number;
}

// Aliases are shared by reference, but everything that walks the data afterwards would visit
// them again and again: cap them as Backstage's YAML parser does (its maxAliasCount).
const MAX_ALIASES = 100;

const DOCUMENT_START = /^---(?:[ \t\r]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t\r]|$)/;
const DIRECTIVE = /^%/;
const NOTHING = /^[ \t]*(?:#.*)?\r?$/;

/**
 * Cuts the stream at its document markers. YAML forbids `---` and `...` at the start of a line
 * inside any content, so these lines always separate documents. Comments and directives before
 * a `---` belong to the document it opens.
 */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let lines: string[] = [];
  let firstLine = 0;
  let started = false;
  const close = (nextLine: number) => {
    if (lines.length) chunks.push({ text: lines.join('\n'), firstLine });
    lines = [];
    firstLine = nextLine;
    started = false;
  };
  text.split('\n').forEach((line, lineNumber) => {
    if (DOCUMENT_START.test(line)) {
      if (started) close(lineNumber);
      lines.push(line);
      started = true;
    } else if (DOCUMENT_END.test(line)) {
      lines.push(line);
      close(lineNumber + 1);
    } else {
      lines.push(line);
      if (!started && !NOTHING.test(line) && !DIRECTIVE.test(line)) started = true;
    }
  });
  close(0);
  return chunks;
}

interface YamlErrorLike {
  reason?: string;
  message?: string;
  mark?: { line?: number; column?: number };
}

/** One YAML document (a `$yaml` placeholder's target), loaded as catalog files are. Throws on bad YAML. */
export function loadYamlValue(text: string, filename: string): unknown {
  return load(text.startsWith('\uFEFF') ? text.slice(1) : text, { filename, maxAliases: MAX_ALIASES });
}

/**
 * Every document of the file, in order, each loaded with js-yaml's safe default schema. A document
 * that would expand past what is left of `budget` is reported as unreadable, as a syntax error is.
 * Pausable steps (see slices.ts), with a pause after each document.
 */
export function* readYamlDocumentsSteps(
  text: string,
  filename: string,
  budget = new ExpansionBudget(),
): Steps<YamlDocument[]> {
  const documents: YamlDocument[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (const chunk of splitDocuments(source)) {
    try {
      for (const value of loadAll(chunk.text, { filename, maxAliases: MAX_ALIASES })) {
        const refused = budget.charge(value);
        if (refused) {
          const line = chunk.firstLine + 1;
          documents.push({ index: documents.length, ok: false, source: chunk.text, line, column: 1, reason: refused });
        } else documents.push({ index: documents.length, ok: true, value, source: chunk.text });
      }
    } catch (error) {
      const yamlError = error as YamlErrorLike;
      documents.push({
        index: documents.length,
        ok: false,
        source: chunk.text,
        line: chunk.firstLine + (yamlError.mark?.line ?? 0) + 1,
        column: (yamlError.mark?.column ?? 0) + 1,
        reason: yamlError.reason ?? yamlError.message ?? String(error),
      });
    }
    yield;
  }
  return documents;
}
