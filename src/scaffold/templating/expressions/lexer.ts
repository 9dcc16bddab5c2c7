// Splits the inside of a `${{ ... }}` expression into tokens. The language is the small,
// side-effect-free part of nunjucks that Backstage templates use; nothing here can run code.
import { TemplateError } from './template-error.js';

type TokenType = 'number' | 'string' | 'name' | 'punct' | 'end';

export interface Token {
  type: TokenType;
  /** The token's text; for strings, the unescaped value. */
  value: string;
  /** Its offset in the text the expression is part of, for error messages. */
  at: number;
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

/** The tokens of an expression whose first character stands at offset `origin` in its text. */
export function tokenize(source: string, origin = 0): Token[] {
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
      tokens.push({ type: 'number', value: match[0], at: origin + i });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))!;
      tokens.push({ type: 'name', value: match[0], at: origin + i });
      i += match[0].length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const start = origin + i;
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
      if (i >= source.length) throw new TemplateError('a text in quotes is not closed', start);
      i++;
      tokens.push({ type: 'string', value, at: start });
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new TemplateError(`unexpected character "${ch}"`, origin + i);
    tokens.push({ type: 'punct', value: punct, at: origin + i });
    i += punct.length;
  }
  tokens.push({ type: 'end', value: '', at: origin + source.length });
  return tokens;
}
