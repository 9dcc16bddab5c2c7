// Splits a skeleton text in Backstage's dialect into text, `${{ ... }}` outputs, `{% ... %}` tags
// and raw blocks, the way nunjucks' lexer and parser do (tags `${{`/`}}`, `{%`/`%}`, `{#`/`#}`),
// with `-` whitespace control already applied to the texts. Nothing here evaluates anything.
import { TemplateError } from '../expressions/template-error.js';

export type Token =
  | { type: 'text'; value: string }
  /** `at` is the offset where the tag opens, `codeAt` where its code starts: errors name both by line and column. */
  | { type: 'output'; code: string; at: number; codeAt: number }
  | { type: 'tag'; code: string; at: number; codeAt: number }
  /** The content of `{% raw %}...{% endraw %}` (or verbatim), kept as written. */
  | { type: 'raw'; value: string };

const VARIABLE_START = '${{';
const VARIABLE_END = '}}';
const BLOCK_START = '{%';
const BLOCK_END = '%}';
const COMMENT_START = '{#';
const COMMENT_END = '#}';

/** A scanned piece before whitespace control: which side wants its neighbouring text trimmed. */
type Piece =
  | { type: 'text'; value: string }
  | {
      type: 'output' | 'tag' | 'comment';
      code: string;
      at: number;
      codeAt: number;
      lstrip: boolean;
      rstrip: boolean;
    }
  | { type: 'raw'; value: string; lstrip: boolean; rstrip: boolean };

// nunjucks' raw block search (parser.js parseRaw): nested raw blocks count, `{%- endraw %}` does not end one.
function rawBlockPattern(tag: string): RegExp {
  return new RegExp(`([\\s\\S]*?){%\\s*(${tag}|end${tag})\\s*(?=%})%}`, 'y');
}

class Scanner {
  private pos = 0;
  private readonly pieces: Piece[] = [];

  constructor(private readonly source: string) {}

  /** The offset of `close` after `from`, outside quoted strings; -1 when there is none. */
  private findClose(from: number, close: string): number {
    const s = this.source;
    for (let i = from; i < s.length; i++) {
      const ch = s[i];
      if (ch === '"' || ch === "'") {
        i++;
        while (i < s.length && s[i] !== ch) i += s[i] === '\\' ? 2 : 1;
        continue;
      }
      if (s.startsWith(close, i)) return i;
    }
    return -1;
  }

  /** A `${{ }}` or `{% %}` starting at this.pos. */
  private code(type: 'output' | 'tag', open: string, close: string): void {
    const start = this.pos;
    const lstrip = this.source[start + open.length] === '-';
    const from = start + open.length + (lstrip ? 1 : 0);
    const end = this.findClose(from, close);
    const at = start;
    if (end === -1) throw new TemplateError(`"${open}" is never closed with "${close}"`, at);
    const codeAt = from;
    let code = this.source.slice(from, end);
    const rstrip = code.endsWith('-');
    if (rstrip) code = code.slice(0, -1);
    this.pos = end + close.length;
    const name = type === 'tag' ? /^\s*([A-Za-z_]\w*)\s*$/.exec(code)?.[1] : undefined;
    if (name === 'raw' || name === 'verbatim') {
      this.raw(name, lstrip, rstrip);
      return;
    }
    this.pieces.push({ type, code, at, codeAt, lstrip, rstrip });
  }

  private raw(tag: string, lstrip: boolean, rstrip: boolean): void {
    const pattern = rawBlockPattern(tag);
    let level = 1;
    let value = '';
    for (;;) {
      pattern.lastIndex = this.pos;
      const match = pattern.exec(this.source);
      if (!match) break;
      this.pos = pattern.lastIndex;
      if (level === 0) break;
      level += match[2] === tag ? 1 : -1;
      if (level === 0) {
        value += match[1];
        this.pos -= match[0].length - match[1].length;
      } else {
        value += match[0];
      }
    }
    this.pieces.push({ type: 'raw', value, lstrip, rstrip });
  }

  private comment(): void {
    const start = this.pos;
    const at = start;
    const end = this.source.indexOf(COMMENT_END, start + COMMENT_START.length);
    if (end === -1) throw new TemplateError('a comment "{#" is never closed with "#}"', at);
    const body = this.source.slice(start, end + COMMENT_END.length);
    this.pos = end + COMMENT_END.length;
    this.pieces.push({
      type: 'comment',
      code: '',
      at,
      codeAt: at,
      lstrip: body[COMMENT_START.length] === '-',
      rstrip: body[body.length - COMMENT_END.length - 1] === '-',
    });
  }

  private text(): void {
    const s = this.source;
    let end = this.pos;
    while (end < s.length) {
      if (s.startsWith(BLOCK_START, end) || s.startsWith(VARIABLE_START, end) || s.startsWith(COMMENT_START, end))
        break;
      if (s.startsWith(COMMENT_END, end)) {
        throw new TemplateError('"#}" ends a comment that was never opened (write it inside {% raw %})', end);
      }
      end++;
    }
    this.pieces.push({ type: 'text', value: s.slice(this.pos, end) });
    this.pos = end;
  }

  scan(): Piece[] {
    const s = this.source;
    while (this.pos < s.length) {
      if (s.startsWith(BLOCK_START, this.pos)) this.code('tag', BLOCK_START, BLOCK_END);
      else if (s.startsWith(VARIABLE_START, this.pos)) this.code('output', VARIABLE_START, VARIABLE_END);
      else if (s.startsWith(COMMENT_START, this.pos)) this.comment();
      else this.text();
    }
    return this.pieces;
  }
}

/**
 * The tokens of a text, with whitespace control applied as nunjucks' parser applies it: a text
 * loses its leading whitespace after a tag closed with `-%}`/`-}}`/`-#}`, and its trailing
 * whitespace before a tag opened with `{%-`/`${{-`/`{#-`.
 */
export function scan(source: string): Token[] {
  const pieces = new Scanner(source).scan();
  const tokens: Token[] = [];
  let dropLeading = false;
  pieces.forEach((piece, i) => {
    if (piece.type === 'text') {
      let value = piece.value;
      if (dropLeading) value = value.replace(/^\s*/, '');
      dropLeading = false;
      const next = pieces[i + 1];
      if (next && next.type !== 'text' && next.lstrip) value = value.replace(/\s*$/, '');
      tokens.push({ type: 'text', value });
      return;
    }
    dropLeading = piece.rstrip;
    if (piece.type === 'raw') tokens.push({ type: 'raw', value: piece.value });
    else if (piece.type !== 'comment')
      tokens.push({ type: piece.type, code: piece.code, at: piece.at, codeAt: piece.codeAt });
  });
  return tokens;
}
