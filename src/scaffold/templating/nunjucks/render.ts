// Runs a parsed skeleton text with nunjucks' semantics: its scoping (a for loop has its own
// frame, `set` updates the variable where it already lives), its `loop.*` variables, its
// JavaScript-like operators. Safe by construction: values are plain data, only own data
// properties are read, only the filters, tests, methods and `range` listed elsewhere run, and
// every render has a budget of loop turns and of output.
import type { Expr } from '../expressions/ast.js';
import { readProperty } from '../expressions/evaluate.js';
import { callFunction } from '../expressions/globals.js';
import { callMethod } from '../expressions/methods.js';
import { applyTest } from '../expressions/tests.js';
import { applyNunjucksFilter } from './filters.js';
import { isPlainObject, jsAdd, jsNumber, jsString, outputText, primitive } from './js-values.js';
import type { Node } from './parse.js';

export const RENDER_LIMITS = {
  /** Loop turns in one file, all loops together. */
  maxIterations: 100_000,
  /** Characters one file (or any text built while rendering it) may reach. */
  maxChars: 5 * 1024 * 1024,
};

export class NunjucksRenderError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'NunjucksRenderError';
  }
}

class Frame {
  readonly vars = new Map<string, unknown>();

  constructor(readonly parent?: Frame) {}

  find(name: string): Frame | undefined {
    for (let frame: Frame | undefined = this; frame; frame = frame.parent) if (frame.vars.has(name)) return frame;
    return undefined;
  }

  /** nunjucks' `frame.set(name, value, true)`: where the variable already lives, else here. */
  assign(name: string, value: unknown): void {
    (this.find(name) ?? this).vars.set(name, value);
  }
}

class Renderer {
  private iterations = 0;
  private line?: number;

  constructor(private readonly context: Record<string, unknown>) {}

  private checkSize(value: unknown): unknown {
    if (typeof value === 'string' && value.length > RENDER_LIMITS.maxChars) {
      throw new NunjucksRenderError(`a text grew over ${RENDER_LIMITS.maxChars} characters`, this.line);
    }
    return value;
  }

  private lookup(name: string, frame: Frame): unknown {
    const holder = frame.find(name);
    if (holder) return holder.vars.get(name);
    return readProperty(this.context, name);
  }

  evaluate(expr: Expr, frame: Frame): unknown {
    switch (expr.type) {
      case 'literal':
        return expr.value;
      case 'name':
        return this.lookup(expr.name, frame);
      case 'member':
        return readProperty(this.evaluate(expr.object, frame), this.evaluate(expr.property, frame));
      case 'method':
        return this.checkSize(
          callMethod(
            this.evaluate(expr.object, frame),
            expr.method,
            expr.args.map((a) => this.evaluate(a, frame)),
          ),
        );
      case 'filter':
        return this.checkSize(
          applyNunjucksFilter(
            expr.filter,
            this.evaluate(expr.input, frame),
            expr.args.map((a) => this.evaluate(a, frame)),
          ),
        );
      case 'test': {
        const passed = applyTest(
          expr.test,
          this.evaluate(expr.input, frame),
          expr.args.map((a) => this.evaluate(a, frame)),
        );
        return expr.negated ? !passed : passed;
      }
      case 'call':
        return callFunction(
          expr.callee,
          expr.args.map((a) => this.evaluate(a, frame)),
        );
      case 'unary': {
        const value = this.evaluate(expr.operand, frame);
        return expr.op === 'not' ? !value : expr.op === '-' ? -jsNumber(value) : jsNumber(value);
      }
      // nunjucks writes `a if b` without else as `b ? a : ""`.
      case 'conditional':
        if (this.evaluate(expr.test, frame)) return this.evaluate(expr.then, frame);
        return expr.otherwise ? this.evaluate(expr.otherwise, frame) : '';
      case 'array':
        return expr.items.map((item) => this.evaluate(item, frame));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const entry of expr.entries) out[entry.key] = this.evaluate(entry.value, frame);
        return out;
      }
      case 'binary':
        return this.binary(expr, frame);
    }
  }

  private binary(expr: Extract<Expr, { type: 'binary' }>, frame: Frame): unknown {
    if (expr.op === 'and') {
      const left = this.evaluate(expr.left, frame);
      return left ? this.evaluate(expr.right, frame) : left;
    }
    if (expr.op === 'or') {
      const left = this.evaluate(expr.left, frame);
      return left ? left : this.evaluate(expr.right, frame);
    }
    const left = this.evaluate(expr.left, frame);
    const right = this.evaluate(expr.right, frame);
    const a = primitive(left) as number;
    const b = primitive(right) as number;
    switch (expr.op) {
      // Plain data has no valueOf or toString of its own: JavaScript's comparisons are safe here.
      case '==':
        // biome-ignore lint/suspicious/noDoubleEquals: nunjucks compiles == to JavaScript's loose equality
        return left == right;
      case '===':
        return left === right;
      case '!=':
        // biome-ignore lint/suspicious/noDoubleEquals: nunjucks compiles != to JavaScript's loose inequality
        return left != right;
      case '!==':
        return left !== right;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
      case 'in':
        return contains(right, left);
      case 'not in':
        return !contains(right, left);
      case '~':
        return this.checkSize(jsString(left) + jsString(right));
      case '+':
        return this.checkSize(jsAdd(left, right));
      case '-':
        return jsNumber(left) - jsNumber(right);
      case '*':
        return jsNumber(left) * jsNumber(right);
      case '/':
        return jsNumber(left) / jsNumber(right);
      case '//':
        return Math.floor(jsNumber(left) / jsNumber(right));
      case '**':
        return jsNumber(left) ** jsNumber(right);
      case '%':
        return jsNumber(left) % jsNumber(right);
    }
  }

  render(nodes: Node[], frame: Frame, out: { parts: string[]; chars: number }): void {
    const write = (text: string): void => {
      out.chars += text.length;
      if (out.chars > RENDER_LIMITS.maxChars) {
        throw new NunjucksRenderError(`the output grew over ${RENDER_LIMITS.maxChars} characters`, this.line);
      }
      out.parts.push(text);
    };
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          write(node.value);
          break;
        case 'output':
          this.line = node.line;
          write(outputText(this.evaluate(node.expr, frame)));
          break;
        case 'if': {
          const branch = node.branches.find((b) => this.evaluate(b.test, frame));
          this.render(branch ? branch.body : node.otherwise, frame, out);
          break;
        }
        case 'for':
          this.loop(node, frame, out);
          break;
        case 'set': {
          const value = this.evaluate(node.value, frame);
          for (const name of node.names) frame.assign(name, value);
          break;
        }
        case 'set-block':
          frame.assign(node.name, this.capture(node.body, frame));
          break;
        case 'filter-block': {
          this.line = node.line;
          const body = this.capture(node.body, frame);
          write(
            outputText(
              this.checkSize(
                applyNunjucksFilter(
                  node.filter,
                  body,
                  node.args.map((a) => this.evaluate(a, frame)),
                ),
              ),
            ),
          );
          break;
        }
      }
    }
  }

  private capture(nodes: Node[], frame: Frame): string {
    const inner = { parts: [] as string[], chars: 0 };
    this.render(nodes, frame, inner);
    return inner.parts.join('');
  }

  private loop(node: Extract<Node, { type: 'for' }>, outer: Frame, out: { parts: string[]; chars: number }): void {
    this.line = node.line;
    const frame = new Frame(outer);
    const iterable = this.evaluate(node.iterable, outer);
    // As nunjucks: a list (or text) is walked by index; with two names an object by key.
    let items: Array<unknown[]> = [];
    if (iterable && (Array.isArray(iterable) || typeof iterable === 'string')) {
      const list = [...(typeof iterable === 'string' ? iterable : iterable)];
      items =
        node.names.length === 2 && Array.isArray(iterable)
          ? list.map((item) => [readProperty(item, 0), readProperty(item, 1)])
          : node.names.length === 2
            ? list.map((ch, i) => [String(i), ch])
            : list.map((item) => [item]);
    } else if (iterable && isPlainObject(iterable) && node.names.length === 2) {
      items = Object.entries(iterable);
    }
    const length = items.length;
    items.forEach((values, index) => {
      if (++this.iterations > RENDER_LIMITS.maxIterations) {
        throw new NunjucksRenderError(`loops ran more than ${RENDER_LIMITS.maxIterations} times`, node.line);
      }
      node.names.forEach((name, i) => {
        frame.vars.set(name, values[i]);
      });
      frame.vars.set('loop', {
        index: index + 1,
        index0: index,
        revindex: length - index,
        revindex0: length - index - 1,
        first: index === 0,
        last: index === length - 1,
        length,
      });
      this.render(node.body, frame, out);
    });
    if (!length) this.render(node.otherwise, outer, out);
  }
}

function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.includes(item);
  if (typeof container === 'string') return container.includes(jsString(item));
  if (isPlainObject(container)) return Object.hasOwn(container, jsString(item));
  throw new NunjucksRenderError(`"in" needs a list, text or object to search, not ${jsString(container)}`);
}

/** Renders parsed nodes against a context (`{ values }`), within RENDER_LIMITS. */
export function renderNodes(nodes: Node[], context: Record<string, unknown>): string {
  const out = { parts: [] as string[], chars: 0 };
  new Renderer(context).render(nodes, new Frame(), out);
  return out.parts.join('');
}
