// Parses a `${{ ... }}` expression into an Expr tree (recursive descent, nunjucks precedence:
// filters bind to the value before them, then arithmetic, comparison, not, and, or, inline if).
import { type BinaryOp, type Expr, FORBIDDEN_PROPERTIES } from './ast.js';
import { type Token, tokenize } from './lexer.js';
import { KNOWN_FUNCTIONS } from './globals.js';
import { TemplateError } from './template-error.js';
import { ALLOWED_METHODS } from './methods.js';
import { KNOWN_TESTS } from './tests.js';

const KEYWORD_LITERALS: Record<string, unknown> = {
  true: true,
  True: true,
  false: false,
  False: false,
  null: null,
  none: null,
  None: null,
  undefined: undefined,
};

/** Parses an expression whose first character stands at offset `origin` in its text: nodes keep offsets in that text. */
export function parseExpression(source: string, origin = 0): Expr {
  const parser = new Parser(tokenize(source, origin));
  const expr = parser.parseTop();
  parser.expectEnd();
  return expr;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private isPunct(value: string): boolean {
    return this.token.type === 'punct' && this.token.value === value;
  }

  private isName(value: string): boolean {
    return this.token.type === 'name' && this.token.value === value;
  }

  private accept(value: string): boolean {
    if (this.isPunct(value) || this.isName(value)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(value: string): void {
    if (!this.accept(value)) throw this.unexpected(`"${value}"`);
  }

  private unexpected(wanted: string): TemplateError {
    const t = this.token;
    const got = t.type === 'end' ? 'the end of the expression' : `"${t.value}"`;
    return new TemplateError(`expected ${wanted} but found ${got}`, t.at);
  }

  expectEnd(): void {
    if (this.token.type !== 'end') throw this.unexpected('the end of the expression');
  }

  /** `a if cond else b` (nunjucks) around a JS-style `cond ? a : b`. */
  parseTop(): Expr {
    const value = this.parseTernary();
    if (this.accept('if')) {
      const test = this.parseTernary();
      const otherwise = this.accept('else') ? this.parseTernary() : undefined;
      // biome-ignore lint/suspicious/noThenProperty: the AST names the branch; an Expr is data, never awaited
      return { type: 'conditional', test, then: value, otherwise };
    }
    return value;
  }

  private parseTernary(): Expr {
    const test = this.parseOr();
    if (this.accept('?')) {
      const then = this.parseTop();
      this.expect(':');
      const otherwise = this.parseTop();
      return { type: 'conditional', test, then, otherwise };
    }
    return test;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    for (let at = this.token.at; this.accept('or') || this.accept('||'); at = this.token.at)
      left = { type: 'binary', op: 'or', left, right: this.parseAnd(), at };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    for (let at = this.token.at; this.accept('and') || this.accept('&&'); at = this.token.at)
      left = { type: 'binary', op: 'and', left, right: this.parseNot(), at };
    return left;
  }

  private parseNot(): Expr {
    if (this.accept('not') || this.accept('!')) return { type: 'unary', op: 'not', operand: this.parseNot() };
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    let left = this.parseConcat();
    for (;;) {
      const t = this.token;
      if (t.type === 'punct' && ['==', '===', '!=', '!==', '<', '>', '<=', '>='].includes(t.value)) {
        this.pos++;
        left = { type: 'binary', op: t.value as BinaryOp, left, right: this.parseConcat(), at: t.at };
      } else if (this.isName('in')) {
        this.pos++;
        left = { type: 'binary', op: 'in', left, right: this.parseConcat(), at: t.at };
      } else if (
        this.isName('not') &&
        this.tokens[this.pos + 1]?.type === 'name' &&
        this.tokens[this.pos + 1].value === 'in'
      ) {
        this.pos += 2;
        left = { type: 'binary', op: 'not in', left, right: this.parseConcat(), at: t.at };
      } else if (this.isName('is')) {
        left = this.parseTest(left);
      } else {
        return left;
      }
    }
  }

  /** `x is [not] name` or `x is [not] name(args)`, as nunjucks writes tests. */
  private parseTest(input: Expr): Expr {
    this.pos++;
    const negated = this.accept('not');
    const name = this.token;
    if (name.type !== 'name') throw this.unexpected('a test name after "is"');
    // `none` and `null` are written as values but name the same test.
    if (!KNOWN_TESTS.has(name.value)) throw new TemplateError(`there is no test named "${name.value}"`, name.at);
    this.pos++;
    const args = this.isPunct('(') ? this.parseArguments() : [];
    return { type: 'test', input, test: name.value, args, negated, at: name.at };
  }

  private parseConcat(): Expr {
    let left = this.parseAdditive();
    for (let at = this.token.at; this.accept('~'); at = this.token.at)
      left = { type: 'binary', op: '~', left, right: this.parseAdditive(), at };
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const { value, at } = this.next();
      left = { type: 'binary', op: value as BinaryOp, left, right: this.parseMultiplicative(), at };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parsePower();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('//') || this.isPunct('%')) {
      const { value, at } = this.next();
      left = { type: 'binary', op: value as BinaryOp, left, right: this.parsePower(), at };
    }
    return left;
  }

  private parsePower(): Expr {
    let left = this.parseUnary();
    for (let at = this.token.at; this.accept('**'); at = this.token.at)
      left = { type: 'binary', op: '**', left, right: this.parseUnary(), at };
    return left;
  }

  /** As nunjucks: filters after a negation apply to the negated value (`-3 | abs` is 3). */
  private parseUnary(noFilters = false): Expr {
    let node: Expr;
    if (this.accept('-')) node = { type: 'unary', op: '-', operand: this.parseUnary(true) };
    else if (this.accept('+')) node = { type: 'unary', op: '+', operand: this.parseUnary(true) };
    else node = this.parsePostfix(this.parsePrimary());
    return noFilters ? node : this.parseFilters(node);
  }

  private parseFilters(input: Expr): Expr {
    while (this.isPunct('|')) {
      this.pos++;
      const name = this.token;
      if (name.type !== 'name') throw this.unexpected('a filter name after "|"');
      this.pos++;
      const args = this.isPunct('(') ? this.parseArguments() : [];
      input = { type: 'filter', input, filter: name.value, args, at: name.at };
    }
    return input;
  }

  private parseArguments(): Expr[] {
    this.expect('(');
    const args: Expr[] = [];
    while (!this.isPunct(')')) {
      args.push(this.parseTop());
      if (!this.accept(',')) break;
    }
    this.expect(')');
    return args;
  }

  private parsePostfix(object: Expr): Expr {
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        const name = this.token;
        if (name.type !== 'name') throw this.unexpected('a field name after "."');
        this.pos++;
        if (this.isPunct('(')) {
          object = this.methodCall(object, name);
        } else {
          object = this.member(object, { type: 'literal', value: name.value }, name.at);
        }
      } else if (this.isPunct('[')) {
        const at = this.next().at;
        const property = this.parseTop();
        this.expect(']');
        object = this.member(object, property, at);
      } else {
        return object;
      }
    }
  }

  private member(object: Expr, property: Expr, at: number): Expr {
    if (property.type === 'literal' && FORBIDDEN_PROPERTIES.has(String(property.value))) {
      throw new TemplateError(`"${String(property.value)}" cannot be read in a template expression`, at);
    }
    return { type: 'member', object, property, at };
  }

  private methodCall(object: Expr, name: Token): Expr {
    if (!ALLOWED_METHODS.has(name.value)) {
      throw new TemplateError(
        `"${name.value}()" cannot be called in a template expression; use a filter instead`,
        name.at,
      );
    }
    return { type: 'method', object, method: name.value, args: this.parseArguments(), at: name.at };
  }

  private parsePrimary(): Expr {
    const t = this.token;
    if (t.type === 'number') {
      this.pos++;
      return { type: 'literal', value: Number(t.value) };
    }
    if (t.type === 'string') {
      this.pos++;
      return { type: 'literal', value: t.value };
    }
    if (t.type === 'name') {
      this.pos++;
      if (Object.hasOwn(KEYWORD_LITERALS, t.value)) return { type: 'literal', value: KEYWORD_LITERALS[t.value] };
      if (FORBIDDEN_PROPERTIES.has(t.value))
        throw new TemplateError(`"${t.value}" cannot be read in a template expression`, t.at);
      if (this.isPunct('(')) {
        if (!KNOWN_FUNCTIONS.has(t.value)) {
          throw new TemplateError(
            `"${t.value}()" cannot be called in a template expression (only ${[...KNOWN_FUNCTIONS].join(', ')})`,
            t.at,
          );
        }
        return { type: 'call', callee: t.value, args: this.parseArguments(), at: t.at };
      }
      return { type: 'name', name: t.value, at: t.at };
    }
    if (this.accept('(')) {
      const inner = this.parseTop();
      this.expect(')');
      return inner;
    }
    if (this.accept('[')) {
      const items: Expr[] = [];
      while (!this.isPunct(']')) {
        items.push(this.parseTop());
        if (!this.accept(',')) break;
      }
      this.expect(']');
      return { type: 'array', items };
    }
    if (this.accept('{')) return this.parseObject();
    throw this.unexpected('a value');
  }

  private parseObject(): Expr {
    const entries: Array<{ key: string; value: Expr }> = [];
    while (!this.isPunct('}')) {
      const key = this.token;
      if (key.type !== 'name' && key.type !== 'string') throw this.unexpected('a key');
      if (FORBIDDEN_PROPERTIES.has(key.value)) throw new TemplateError(`"${key.value}" cannot be a key`, key.at);
      this.pos++;
      this.expect(':');
      entries.push({ key: key.value, value: this.parseTop() });
      if (!this.accept(',')) break;
    }
    this.expect('}');
    return { type: 'object', entries };
  }
}
