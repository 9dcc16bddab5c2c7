// Builds the tree of a skeleton text from its tokens: outputs, if/elif/else, for/else, set (and
// set blocks), filter blocks. Expressions are parsed by the same parser as template.yaml's
// `${{ }}` (expressions/parser.ts), from their offset in the file, so a mistake is named at its
// line and column (worked out from the text when one is raised). Tags that reach other files (include, import, extends) and macros are
// refused: a skeleton file renders from its own text and its values only.
import type { Expr } from '../expressions/ast.js';
import { FORBIDDEN_PROPERTIES } from '../expressions/ast.js';
import { parseExpression } from '../expressions/parser.js';
import { TemplateError } from '../expressions/template-error.js';
import { scan, type Token } from './scan.js';

/** Every statement keeps its tag's offset in the text, for the errors met while rendering it. */
export type Node =
  | { type: 'text'; value: string }
  | { type: 'output'; expr: Expr; at: number }
  | { type: 'if'; branches: Array<{ test: Expr; body: Node[] }>; otherwise: Node[]; at: number }
  | { type: 'for'; names: string[]; iterable: Expr; body: Node[]; otherwise: Node[]; at: number }
  | { type: 'set'; names: string[]; value: Expr; at: number }
  | { type: 'set-block'; name: string; body: Node[]; at: number }
  | { type: 'filter-block'; filter: string; args: Expr[]; body: Node[]; at: number };

/** A tag's name and the rest of its code, with the offsets of the tag and of the rest in the file. */
interface Tag {
  tag: string;
  rest: string;
  at: number;
  restAt: number;
}

/** Where `part`, which ends `text`, starts in it: each expression a tag's pattern takes runs to its end. */
function endsAt(text: string, part: string): number {
  return text.length - part.length;
}

/** The most deeply blocks may nest: a bound on the interpreter's recursion. */
const MAX_NESTING = 64;

const OTHER_FILES = new Set(['include', 'import', 'from', 'extends', 'block', 'macro', 'call']);

class TreeBuilder {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  /** An expression whose first character stands at offset `origin` in the file. */
  private expression(code: string, origin: number): Expr {
    try {
      return parseExpression(code, origin);
    } catch (error) {
      const found = TemplateError.from(error, origin);
      throw new TemplateError(`"${code.trim()}": ${found.problem}`, found.offset ?? found.position);
    }
  }

  private name(text: string, at: number): string {
    if (!/^[A-Za-z_]\w*$/.test(text)) throw new TemplateError(`"${text}" is not a variable name`, at);
    if (FORBIDDEN_PROPERTIES.has(text)) throw new TemplateError(`"${text}" cannot be a variable name`, at);
    return text;
  }

  /** Nodes until a tag named in `stops` (returned, not consumed past), or the end. */
  nodes(stops: string[]): { nodes: Node[]; stop?: Tag } {
    const out: Node[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++];
      if (token.type === 'text' || token.type === 'raw') {
        if (token.value) out.push({ type: 'text', value: token.value });
        continue;
      }
      if (token.type === 'output') {
        out.push({ type: 'output', expr: this.expression(token.code, token.codeAt), at: token.at });
        continue;
      }
      const match = /^\s*([A-Za-z_]\w*)\s*([\s\S]*?)\s*$/.exec(token.code);
      if (!match) throw new TemplateError(`"{%${token.code}%}" has no tag name`, token.at);
      const [, tag, rest] = match;
      const found: Tag = {
        tag,
        rest,
        at: token.at,
        restAt: token.codeAt + endsAt(token.code.trimEnd(), rest),
      };
      if (stops.includes(tag)) return { nodes: out, stop: found };
      out.push(this.statement(found));
    }
    return { nodes: out };
  }

  private block(opening: string, at: number, stops: string[]): { nodes: Node[]; stop: Tag } {
    if (++this.depth > MAX_NESTING) throw new TemplateError(`blocks nest more than ${MAX_NESTING} deep`, at);
    const result = this.nodes(stops);
    this.depth--;
    if (!result.stop) throw new TemplateError(`{% ${opening} %} is never closed with {% ${stops.at(-1)} %}`, at);
    return { nodes: result.nodes, stop: result.stop };
  }

  private statement(found: Tag): Node {
    switch (found.tag) {
      case 'if':
        return this.ifBlock(found);
      case 'for':
        return this.forBlock(found);
      case 'set':
        return this.setTag(found);
      case 'filter':
        return this.filterBlock(found);
      default:
        if (OTHER_FILES.has(found.tag)) {
          throw new TemplateError(
            `{% ${found.tag} %} is not supported in skeletons: a file renders from its own text and values`,
            found.at,
          );
        }
        if (/^(end\w+|else|elif|elseif)$/.test(found.tag))
          throw new TemplateError(`{% ${found.tag} %} has no opening tag before it`, found.at);
        throw new TemplateError(`unknown tag {% ${found.tag} %}`, found.at);
    }
  }

  private ifBlock({ rest: condition, at, restAt }: Tag): Node {
    const branches: Array<{ test: Expr; body: Node[] }> = [];
    let test = this.expression(condition, restAt);
    for (;;) {
      const part = this.block(`if ${condition}`, at, ['elif', 'elseif', 'else', 'endif']);
      branches.push({ test, body: part.nodes });
      if (part.stop.tag === 'endif') return { type: 'if', branches, otherwise: [], at };
      if (part.stop.tag === 'else') {
        const last = this.block(`if ${condition}`, at, ['endif']);
        return { type: 'if', branches, otherwise: last.nodes, at };
      }
      test = this.expression(part.stop.rest, part.stop.restAt);
    }
  }

  private forBlock({ rest: header, at, restAt }: Tag): Node {
    const match = /^\(?\s*([A-Za-z_]\w*)\s*(?:,\s*([A-Za-z_]\w*)\s*)?\)?\s+in\s+([\s\S]+)$/.exec(header);
    if (!match) throw new TemplateError(`{% for ${header} %} should read {% for item in list %}`, at);
    const names = [match[1], match[2]].filter((n): n is string => Boolean(n)).map((n) => this.name(n, restAt));
    const iterable = this.expression(match[3], restAt + endsAt(header, match[3]));
    const body = this.block(`for ${header}`, at, ['else', 'endfor']);
    const otherwise = body.stop.tag === 'else' ? this.block(`for ${header}`, at, ['endfor']).nodes : [];
    return { type: 'for', names, iterable, body: body.nodes, otherwise, at };
  }

  private setTag({ rest, at, restAt }: Tag): Node {
    const assign = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)\s*([\s\S]+)$/.exec(rest);
    if (assign) {
      const names = assign[1].split(',').map((n) => this.name(n.trim(), restAt));
      const value = this.expression(assign[2], restAt + endsAt(rest, assign[2]));
      return { type: 'set', names, value, at };
    }
    const name = this.name(rest, restAt);
    const body = this.block(`set ${rest}`, at, ['endset']);
    return { type: 'set-block', name, body: body.nodes, at };
  }

  private filterBlock({ rest, at, restAt }: Tag): Node {
    const match = /^([A-Za-z_]\w*)\s*(\(([\s\S]*)\))?$/.exec(rest);
    if (!match) throw new TemplateError(`{% filter ${rest} %} should name a filter`, at);
    // Parsed as a filter applied to a stand-in value (the same argument syntax as `x | f(a, b)`);
    // the origin is moved back over the stand-in `_ | ` so offsets fall on the tag's own text.
    const standIn = '_ | ';
    const parsed = this.expression(`${standIn}${match[1]}${match[2] ?? ''}`, restAt - standIn.length);
    if (parsed.type !== 'filter') throw new TemplateError(`{% filter ${rest} %} should name a filter`, at);
    const body = this.block(`filter ${rest}`, at, ['endfilter']);
    return { type: 'filter-block', filter: parsed.filter, args: parsed.args, body: body.nodes, at };
  }
}

/** The tree of a skeleton text; a syntax error is thrown with its line and column in `source`. */
export function parseSkeletonText(source: string): Node[] {
  try {
    return new TreeBuilder(scan(source)).nodes([]).nodes;
  } catch (error) {
    throw TemplateError.from(error).locate(source);
  }
}
