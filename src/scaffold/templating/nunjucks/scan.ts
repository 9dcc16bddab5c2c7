// Splits a skeleton text in Backstage's dialect into text, `${{ ... }}` outputs, `{% ... %}` tags
// and raw blocks, the way nunjucks' lexer and parser do (tags `${{`/`}}`, `{%`/`%}`, `{#`/`#}`),
// with `-` whitespace control already applied to the texts. Nothing here evaluates anything.

export class NunjucksSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'NunjucksSyntaxError';
  }
}

export type Token =
  | { type: 'text'; value: string }
  | { type: 'output'; code: string; line: number }
  | { type: 'tag'; code: string; line: number }
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
  | { type: 'output' | 'tag' | 'comment'; code: string; line: number; lstrip: boolean; rstrip: boolean }
  | { type: 'raw'; value: string; line: number; lstrip: boolean; rstrip: boolean };

// nunjucks' raw block search (parser.js parseRaw): nested raw blocks count, `{%- endraw %}` does not end one.
function rawBlockPattern(tag: string): RegExp {
  return new RegExp(`([\\s\\S]*?){%\\s*(${tag}|end${tag})\\s*(?=%})%}`, 'y');
}

class Scanner {
  private pos = 0;
  private readonly pieces: Piece[] = [];
  // Lines are counted forward from the last offset asked about: offsets only grow.
  private counted = 0;
  private line = 1;

  constructor(private readonly source: string) {}

  private lineAt(offset: number): number {
    for (; this.counted < offset && this.counted < this.source.length; this.counted++) {
      if (this.source.charCodeAt(this.counted) === 10) this.line++;
    }
    return this.line;
  }

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
    if (end === -1) {
      throw new NunjucksSyntaxError(`"${open}" is never closed with "${close}"`, this.lineAt(start));
    }
    let code = this.source.slice(from, end);
    const rstrip = code.endsWith('-');
    if (rstrip) code = code.slice(0, -1);
    this.pos = end + close.length;
    const line = this.lineAt(start);
    const name = type === 'tag' ? /^\s*([A-Za-z_]\w*)\s*$/.exec(code)?.[1] : undefined;
    if (name === 'raw' || name === 'verbatim') {
      this.raw(name, line, lstrip, rstrip);
      return;
    }
    this.pieces.push({ type, code, line, lstrip, rstrip });
  }

  private raw(tag: string, line: number, lstrip: boolean, rstrip: boolean): void {
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
    this.pieces.push({ type: 'raw', value, line, lstrip, rstrip });
  }

  private comment(): void {
    const start = this.pos;
    const end = this.source.indexOf(COMMENT_END, start + COMMENT_START.length);
    if (end === -1) throw new NunjucksSyntaxError('a comment "{#" is never closed with "#}"', this.lineAt(start));
    const body = this.source.slice(start, end + COMMENT_END.length);
    this.pos = end + COMMENT_END.length;
    this.pieces.push({
      type: 'comment',
      code: '',
      line: this.lineAt(start),
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
        throw new NunjucksSyntaxError(
          '"#}" ends a comment that was never opened (write it inside {% raw %})',
          this.lineAt(end),
        );
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
    else if (piece.type !== 'comment') tokens.push({ type: piece.type, code: piece.code, line: piece.line });
  });
  return tokens;
}
