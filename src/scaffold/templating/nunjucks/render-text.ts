// Renders one skeleton text (a file's content or its path) in Backstage's dialect: nunjucks with
// `${{ }}` variable tags and autoescape off. Parsed trees are cached by text, since a skeleton's
// files render once per request with the same source.
import { TemplateError } from '../expressions/template-error.js';
import { parseSkeletonText, type Node } from './parse.js';
import { renderNodes } from './render.js';

const parsed = new Map<string, Node[]>();

/** An error in `source`, said of `where` (a skeleton file, its name) with its line and column. */
function describe(error: unknown, source: string, where: string): TemplateError {
  return TemplateError.from(error).locate(source).in(where);
}

/** Parses a text once; syntax errors name `where`, the line and the column. */
function parseSkeleton(source: string, where: string): Node[] {
  let nodes = parsed.get(source);
  if (!nodes) {
    try {
      nodes = parseSkeletonText(source);
    } catch (error) {
      throw describe(error, source, where);
    }
    if (parsed.size > 2000) parsed.clear();
    parsed.set(source, nodes);
  }
  return nodes;
}

export function renderNunjucksText(source: string, context: Record<string, unknown>, where: string): string {
  const nodes = parseSkeleton(source, where);
  try {
    return renderNodes(nodes, context);
  } catch (error) {
    throw describe(error, source, where);
  }
}
