// Where a character stands in a template text, by line and column (both from 1), as an author
// sees it in an editor. Expressions are parsed with the position they start at, so a mistake
// deep in a skeleton file or a multi-line input is named where it is in that text.

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export const TEXT_START: TextPosition = Object.freeze({ line: 1, column: 1 });

// Every token and tree node keeps a position, and parsed skeletons stay cached: one object each
// made a 500-file skeleton's trees a quarter bigger and its first renders markedly slower (more to
// allocate and for the collector to copy). Positions near the start of a text, where nearly all
// of them fall, are made once and shared; they are frozen, so sharing cannot change one.
const SHARED_LINES = 512;
const SHARED_COLUMNS = 160;
const shared: Array<Array<TextPosition | undefined> | undefined> = [];

/** The position at `line` and `column`: a shared one where it can be. */
function position(line: number, column: number): TextPosition {
  if (line >= SHARED_LINES || column >= SHARED_COLUMNS) return { line, column };
  let row = shared[line];
  if (!row) {
    row = [];
    shared[line] = row;
  }
  let found = row[column];
  if (!found) {
    found = Object.freeze({ line, column });
    row[column] = found;
  }
  return found;
}

/** Positions of offsets in one text, counted forward: the offsets asked about only grow. */
export class TextPositions {
  private offset = 0;
  private line: number;
  private column: number;

  constructor(
    private readonly text: string,
    origin: TextPosition = TEXT_START,
  ) {
    this.line = origin.line;
    this.column = origin.column;
  }

  at(offset: number): TextPosition {
    for (; this.offset < offset && this.offset < this.text.length; this.offset++) {
      if (this.text.charCodeAt(this.offset) === 10) {
        this.line++;
        this.column = 1;
      } else {
        this.column++;
      }
    }
    return position(this.line, this.column);
  }
}

/** The position `offset` characters into `text`, when the text starts at `origin`. */
export function positionIn(text: string, offset: number, origin: TextPosition = TEXT_START): TextPosition {
  return new TextPositions(text, origin).at(offset);
}
