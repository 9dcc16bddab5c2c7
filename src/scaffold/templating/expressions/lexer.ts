// Splits the inside of a `${{ ... }}` expression into tokens. The language is the small,
// side-effect-free part of nunjucks that Backstage templates use; nothing here can run code.

export type TokenType = 'number' | 'string' | 'name' | 'punct' | 'end';

export interface Token {
  type: TokenType;
  /** The token's text; for strings, the unescaped value. */
  value: string;
  /** Offset in the expression source, for error messages. */
  at: number;
}

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

// Longest first, so that `===` is not read as `==` then `=`.
const PUNCTUATION = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '//',
  '**',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '!',
  '?',
  ':',
  '.',
  ',',
  '|',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`' };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: match[0], at: i });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!;
      tokens.push({ type: 'name', value: match[0], at: i });
      i += match[0].length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const start = i;
      let value = '';
      i++;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === '\\' && i + 1 < source.length) {
          value += ESCAPES[source[i + 1]] ?? source[i + 1];
          i += 2;
        } else {
          value += source[i++];
        }
      }
      if (i >= source.length) throw new ExpressionSyntaxError('a text in quotes is not closed', start);
      i++;
      tokens.push({ type: 'string', value, at: start });
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new ExpressionSyntaxError(`unexpected character "${ch}"`, i);
    tokens.push({ type: 'punct', value: punct, at: i });
    i += punct.length;
  }
  tokens.push({ type: 'end', value: '', at: source.length });
  return tokens;
}
