// Renders one skeleton text (a file's content or its path) in Backstage's dialect: nunjucks with
// `${{ }}` variable tags and autoescape off. Parsed trees are cached by text, since a skeleton's
// files render once per request with the same source.
import { NunjucksSyntaxError } from './scan.js';
import { parseSkeletonText, type Node } from './parse.js';
import { NunjucksRenderError, renderNodes } from './render.js';

export class SkeletonTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SkeletonTextError';
  }
}

const parsed = new Map<string, Node[]>();

function describe(error: unknown, where: string): SkeletonTextError {
  const line = error instanceof NunjucksSyntaxError || error instanceof NunjucksRenderError ? error.line : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new SkeletonTextError(`${where}${line ? ` (line ${line})` : ''}: ${message}`);
}

/** Parses a text once; syntax errors name `where` and the line. */
export function parseSkeleton(source: string, where: string): Node[] {
  let nodes = parsed.get(source);
  if (!nodes) {
    try {
      nodes = parseSkeletonText(source);
    } catch (error) {
      throw describe(error, where);
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
    throw describe(error, where);
  }
}
