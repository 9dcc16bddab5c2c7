// Texts with `${{ ... }}` expressions in them, as template.yaml writes step inputs, `if:`
// conditions and output links. A text that is one expression and nothing else keeps the
// value's type (a list stays a list, a boolean a boolean), as in Backstage.
import type { Expr } from './ast.js';
import { KEEP_VALUES, stringify } from './coercion.js';
import { type Dialect, evaluate } from './evaluate.js';
import { applyFilter } from './filters.js';
import { parseExpression } from './parser.js';
import { TemplateError } from './template-error.js';

export type Scope = Record<string, unknown>;

/** template.yaml's dialect: values kept, its own lenient filters, no bound (it has no loops to grow a text). */
const TEMPLATE_YAML: Dialect = { coercion: KEEP_VALUES, applyFilter, built: (value) => value };

export interface ExpressionPart {
  source: string;
  expr: Expr;
  /** The text the expression is part of: its nodes' offsets are offsets in it. */
  text: string;
  /** The expression's offset in its text. */
  at: number;
}

interface CompiledText {
  parts: Array<string | ExpressionPart>;
  /** The text is a single expression with only whitespace around it. */
  whole: boolean;
}

const OPEN = '${{';
const STATEMENT = /\{%.*%\}/s;

/** The offset of the `}}` that closes an expression starting at `from`, skipping quotes and braces. */
function findClose(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

const cache = new Map<string, CompiledText>();

function compileText(text: string): CompiledText {
  const cached = cache.get(text);
  if (cached) return cached;
  let compiled: CompiledText;
  try {
    compiled = compileParts(text);
  } catch (error) {
    throw TemplateError.from(error).locate(text);
  }
  if (cache.size > 5000) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

function compileParts(text: string): CompiledText {
  const statement = STATEMENT.exec(text);
  if (statement) {
    throw new TemplateError(
      'uses a nunjucks statement ({% ... %}); only ${{ ... }} expressions are supported',
      statement.index,
    );
  }
  const parts: CompiledText['parts'] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    if (open === -1) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const close = findClose(text, open + OPEN.length);
    if (close === -1) throw new TemplateError('has a "${{" that is never closed with "}}"', open);
    const inside = text.slice(open + OPEN.length, close);
    const source = inside.trim();
    if (!source) throw new TemplateError('has an empty ${{ }}', open);
    const origin = open + OPEN.length + inside.indexOf(source);
    try {
      parts.push({ source, expr: parseExpression(source, origin), text, at: origin });
    } catch (error) {
      throw TemplateError.from(error).in(`\${{ ${source} }}`);
    }
    at = close + 2;
  }
  const expressions = parts.filter((p) => typeof p !== 'string');
  const whole = expressions.length === 1 && parts.every((p) => typeof p !== 'string' || !p.trim());
  return { parts, whole };
}

export function hasExpression(text: string): boolean {
  return text.includes(OPEN);
}

export function renderText(text: string, scope: Scope): unknown {
  if (!hasExpression(text)) return text;
  const compiled = compileText(text);
  const lookup = (name: string): unknown => (Object.hasOwn(scope, name) ? scope[name] : undefined);
  const evaluateOne = (part: ExpressionPart): unknown => {
    try {
      return evaluate(part.expr, lookup, TEMPLATE_YAML);
    } catch (error) {
      throw TemplateError.from(error, part.at).locate(text).in(`\${{ ${part.source} }}`);
    }
  };
  if (compiled.whole) return evaluateOne(compiled.parts.find((p): p is ExpressionPart => typeof p !== 'string')!);
  return compiled.parts.map((p) => (typeof p === 'string' ? p : stringify(evaluateOne(p)))).join('');
}

/** Renders every text inside a value (objects and lists are walked); other values stay as they are. */
export function renderValue(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return renderText(value, scope);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderValue(item, scope);
    return out;
  }
  return value;
}

export interface FoundExpression {
  /** Dotted path of the text within the value, e.g. `input.values.name`. */
  path: string;
  parts: ExpressionPart[];
}

/** Every text with expressions inside a value, compiled; syntax errors are thrown with their path. */
export function compileAll(value: unknown, path: string): FoundExpression[] {
  const found: FoundExpression[] = [];
  const visit = (item: unknown, at: string): void => {
    if (typeof item === 'string') {
      if (!hasExpression(item) && !STATEMENT.test(item)) return;
      try {
        const compiled = compileText(item);
        found.push({ path: at, parts: compiled.parts.filter((p): p is ExpressionPart => typeof p !== 'string') });
      } catch (error) {
        if (error instanceof TemplateError) throw error.inField(at);
        throw error;
      }
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => {
        visit(child, `${at}[${i}]`);
      });
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) visit(child, at ? `${at}.${key}` : key);
    }
  };
  visit(value, path);
  return found;
}
