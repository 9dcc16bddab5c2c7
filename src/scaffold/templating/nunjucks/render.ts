// Runs a parsed skeleton text with nunjucks' semantics: its scoping (a for loop has its own
// frame, `set` updates the variable where it already lives), its `loop.*` variables, its
// JavaScript-like operators. Safe by construction: values are plain data, only own data
// properties are read, only the filters, tests, methods and `range` listed elsewhere run, and
// every render has a budget of loop turns and of output.
import type { Expr } from '../expressions/ast.js';
import { isPlainObject, NUNJUCKS, outputText } from '../expressions/coercion.js';
import { type Dialect, evaluate, readProperty } from '../expressions/evaluate.js';
import { TemplateError } from '../expressions/template-error.js';
import { applyNunjucksFilter } from './filters.js';
import type { Node } from './parse.js';

const RENDER_LIMITS = {
  /** Loop turns in one file, all loops together. */
  maxIterations: 100_000,
  /** Characters one file (or any text built while rendering it) may reach. */
  maxChars: 5 * 1024 * 1024,
};

class Frame {
  readonly vars = new Map<string, unknown>();

  constructor(
    /** The render's values, read when no frame holds a name. */
    readonly context: Record<string, unknown>,
    readonly parent?: Frame,
  ) {}

  /** A name from the innermost frame that holds it, else from the context. */
  readonly lookup = (name: string): unknown => {
    const holder = this.find(name);
    return holder ? holder.vars.get(name) : readProperty(this.context, name);
  };

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
  /** Skeletons: JavaScript's conversions, nunjucks' filters, every built text within RENDER_LIMITS. */
  private readonly dialect: Dialect = {
    coercion: NUNJUCKS,
    applyFilter: applyNunjucksFilter,
    built: (value) => this.checkSize(value),
  };

  /** Said without a position: the operation or statement that built the text names it. */
  private checkSize(value: unknown): unknown {
    if (typeof value === 'string' && value.length > RENDER_LIMITS.maxChars) {
      throw new TemplateError(`a text grew over ${RENDER_LIMITS.maxChars} characters`);
    }
    return value;
  }

  evaluate(expr: Expr, frame: Frame): unknown {
    return evaluate(expr, frame.lookup, this.dialect);
  }

  render(nodes: Node[], frame: Frame, out: { parts: string[]; chars: number }): void {
    const write = (text: string): void => {
      out.chars += text.length;
      if (out.chars > RENDER_LIMITS.maxChars) {
        throw new TemplateError(`the output grew over ${RENDER_LIMITS.maxChars} characters`);
      }
      out.parts.push(text);
    };
    for (const node of nodes) {
      if (node.type === 'text') {
        write(node.value);
        continue;
      }
      try {
        this.statement(node, frame, out, write);
      } catch (error) {
        // What a statement's expressions did not place (a loop's budget, the output's size) is said at its tag.
        throw TemplateError.from(error, node.at);
      }
    }
  }

  private statement(
    node: Exclude<Node, { type: 'text' }>,
    frame: Frame,
    out: { parts: string[]; chars: number },
    write: (text: string) => void,
  ): void {
    switch (node.type) {
      case 'output':
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

  private capture(nodes: Node[], frame: Frame): string {
    const inner = { parts: [] as string[], chars: 0 };
    this.render(nodes, frame, inner);
    return inner.parts.join('');
  }

  private loop(node: Extract<Node, { type: 'for' }>, outer: Frame, out: { parts: string[]; chars: number }): void {
    const frame = new Frame(outer.context, outer);
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
        throw new TemplateError(`loops ran more than ${RENDER_LIMITS.maxIterations} times`, node.at);
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

/** Renders parsed nodes against a context (`{ values }`), within RENDER_LIMITS. */
export function renderNodes(nodes: Node[], context: Record<string, unknown>): string {
  const out = { parts: [] as string[], chars: 0 };
  new Renderer().render(nodes, new Frame(context), out);
  return out.parts.join('');
}
