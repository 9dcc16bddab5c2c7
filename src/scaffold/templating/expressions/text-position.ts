// Where a character stands in a template text, by line and column (both from 1), as an author
// sees it in an editor. Expressions are parsed with the position they start at, so a mistake
// deep in a skeleton file or a multi-line input is named where it is in that text.

export interface TextPosition {
  line: number;
  column: number;
}

export const TEXT_START: TextPosition = { line: 1, column: 1 };

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
    return { line: this.line, column: this.column };
  }
}

/** The position `offset` characters into `text`, when the text starts at `origin`. */
export function positionIn(text: string, offset: number, origin: TextPosition = TEXT_START): TextPosition {
  return new TextPositions(text, origin).at(offset);
}
