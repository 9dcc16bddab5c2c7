// Builds the tree of a skeleton text from its tokens: outputs, if/elif/else, for/else, set (and
// set blocks), filter blocks. Expressions are parsed by the same parser as template.yaml's
// `${{ }}` (expressions/parser.ts). Tags that reach other files (include, import, extends) and
// macros are refused: a skeleton file renders from its own text and its values only.
import type { Expr } from '../expressions/ast.js';
import { FORBIDDEN_PROPERTIES } from '../expressions/ast.js';
import { ExpressionSyntaxError } from '../expressions/lexer.js';
import { parseExpression } from '../expressions/parser.js';
import { NunjucksSyntaxError, scan, type Token } from './scan.js';

export type Node =
  | { type: 'text'; value: string }
  | { type: 'output'; expr: Expr; line: number }
  | { type: 'if'; branches: Array<{ test: Expr; body: Node[] }>; otherwise: Node[] }
  | { type: 'for'; names: string[]; iterable: Expr; body: Node[]; otherwise: Node[]; line: number }
  | { type: 'set'; names: string[]; value: Expr }
  | { type: 'set-block'; name: string; body: Node[] }
  | { type: 'filter-block'; filter: string; args: Expr[]; body: Node[]; line: number };

/** The most deeply blocks may nest: a bound on the interpreter's recursion. */
export const MAX_NESTING = 64;

const OTHER_FILES = new Set(['include', 'import', 'from', 'extends', 'block', 'macro', 'call']);

class TreeBuilder {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private expression(code: string, line: number): Expr {
    try {
      return parseExpression(code);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError)
        throw new NunjucksSyntaxError(`"${code.trim()}": ${error.message}`, line);
      throw error;
    }
  }

  private name(text: string, line: number): string {
    if (!/^[A-Za-z_]\w*$/.test(text)) throw new NunjucksSyntaxError(`"${text}" is not a variable name`, line);
    if (FORBIDDEN_PROPERTIES.has(text)) throw new NunjucksSyntaxError(`"${text}" cannot be a variable name`, line);
    return text;
  }

  /** Nodes until a tag named in `stops` (returned, not consumed past), or the end. */
  nodes(stops: string[]): { nodes: Node[]; stop?: { tag: string; rest: string; line: number } } {
    const out: Node[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.type === 'text' || token.type === 'raw') {
        if (token.value) out.push({ type: 'text', value: token.value });
        continue;
      }
      if (token.type === 'output') {
        out.push({ type: 'output', expr: this.expression(token.code, token.line), line: token.line });
        continue;
      }
      const match = /^\s*([A-Za-z_]\w*)\s*([\s\S]*?)\s*$/.exec(token.code);
      if (!match) throw new NunjucksSyntaxError(`"{%${token.code}%}" has no tag name`, token.line);
      const [, tag, rest] = match;
      if (stops.includes(tag)) return { nodes: out, stop: { tag, rest, line: token.line } };
      out.push(this.statement(tag, rest, token.line));
    }
    return { nodes: out };
  }

  private block(
    opening: string,
    line: number,
    stops: string[],
  ): { nodes: Node[]; stop: { tag: string; rest: string; line: number } } {
    if (++this.depth > MAX_NESTING) throw new NunjucksSyntaxError(`blocks nest more than ${MAX_NESTING} deep`, line);
    const result = this.nodes(stops);
    this.depth--;
    if (!result.stop)
      throw new NunjucksSyntaxError(`{% ${opening} %} is never closed with {% ${stops.at(-1)} %}`, line);
    return { nodes: result.nodes, stop: result.stop };
  }

  private statement(tag: string, rest: string, line: number): Node {
    switch (tag) {
      case 'if':
        return this.ifBlock(rest, line);
      case 'for':
        return this.forBlock(rest, line);
      case 'set':
        return this.setTag(rest, line);
      case 'filter':
        return this.filterBlock(rest, line);
      default:
        if (OTHER_FILES.has(tag)) {
          throw new NunjucksSyntaxError(
            `{% ${tag} %} is not supported in skeletons: a file renders from its own text and values`,
            line,
          );
        }
        if (/^(end\w+|else|elif|elseif)$/.test(tag))
          throw new NunjucksSyntaxError(`{% ${tag} %} has no opening tag before it`, line);
        throw new NunjucksSyntaxError(`unknown tag {% ${tag} %}`, line);
    }
  }

  private ifBlock(condition: string, line: number): Node {
    const branches: Array<{ test: Expr; body: Node[] }> = [];
    let test = this.expression(condition, line);
    for (;;) {
      const part = this.block(`if ${condition}`, line, ['elif', 'elseif', 'else', 'endif']);
      branches.push({ test, body: part.nodes });
      if (part.stop.tag === 'endif') return { type: 'if', branches, otherwise: [] };
      if (part.stop.tag === 'else') {
        const last = this.block(`if ${condition}`, line, ['endif']);
        return { type: 'if', branches, otherwise: last.nodes };
      }
      test = this.expression(part.stop.rest, part.stop.line);
    }
  }

  private forBlock(header: string, line: number): Node {
    const match = /^\(?\s*([A-Za-z_]\w*)\s*(?:,\s*([A-Za-z_]\w*)\s*)?\)?\s+in\s+([\s\S]+)$/.exec(header);
    if (!match) throw new NunjucksSyntaxError(`{% for ${header} %} should read {% for item in list %}`, line);
    const names = [match[1], match[2]].filter((n): n is string => Boolean(n)).map((n) => this.name(n, line));
    const iterable = this.expression(match[3], line);
    const body = this.block(`for ${header}`, line, ['else', 'endfor']);
    const otherwise = body.stop.tag === 'else' ? this.block(`for ${header}`, line, ['endfor']).nodes : [];
    return { type: 'for', names, iterable, body: body.nodes, otherwise, line };
  }

  private setTag(rest: string, line: number): Node {
    const assign = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)\s*([\s\S]+)$/.exec(rest);
    if (assign) {
      const names = assign[1].split(',').map((n) => this.name(n.trim(), line));
      return { type: 'set', names, value: this.expression(assign[2], line) };
    }
    const name = this.name(rest, line);
    const body = this.block(`set ${rest}`, line, ['endset']);
    return { type: 'set-block', name, body: body.nodes };
  }

  private filterBlock(rest: string, line: number): Node {
    const match = /^([A-Za-z_]\w*)\s*(\(([\s\S]*)\))?$/.exec(rest);
    if (!match) throw new NunjucksSyntaxError(`{% filter ${rest} %} should name a filter`, line);
    // Parsed as a filter applied to a stand-in value: the same argument syntax as `x | f(a, b)`.
    const parsed = this.expression(`_ | ${match[1]}${match[2] ?? ''}`, line);
    if (parsed.type !== 'filter') throw new NunjucksSyntaxError(`{% filter ${rest} %} should name a filter`, line);
    const body = this.block(`filter ${rest}`, line, ['endfilter']);
    return { type: 'filter-block', filter: parsed.filter, args: parsed.args, body: body.nodes, line };
  }
}

export function parseSkeletonText(source: string): Node[] {
  const builder = new TreeBuilder(scan(source));
  const result = builder.nodes([]);
  return result.nodes;
}
