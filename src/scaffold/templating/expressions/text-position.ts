// Where a character stands in a template text, by line and column (both from 1), as an author
// sees it in an editor. Parsed trees keep only offsets into their text (a number each, nothing to
// allocate, as parsed skeletons stay cached); the line and column are worked out from the text
// when an error is said, which is rare.

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The position of the character `offset` characters into `text`. */
export function positionIn(text: string, offset: number): TextPosition {
  let line = 1;
  let column = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}
