// The line a field is written on, so that a problem can point a catalog author at
// `catalog-info.yaml:14` rather than at `spec.owner` in the third document. Built from js-yaml's
// event stream, which carries each node's offset in the source.
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { splitDocuments } from './yaml-documents.js';

interface PositionNode {
  /** Offset of the node in the source (of its first character, or of its key for a field). */
  offset: number;
  entries?: Array<{ key: string; keyOffset: number; value: PositionNode }>;
  items?: PositionNode[];
}

interface Frame {
  node?: PositionNode;
  /** A mapping's key read, waiting for its value. */
  pendingKey?: { key: string; offset: number };
  /** The document frame: its one node is the document's content. */
  root?: PositionNode;
}

export interface FieldLines {
  /** 1-based line of `field` in document `document` (0-based), or of its nearest written parent. */
  lineOf(document: number | undefined, field: string | undefined): number | undefined;
}

/**
 * Lines of a catalog file's fields. Documents are cut apart as the parser cuts them, so that one
 * document js-yaml cannot read (its problem says where) still leaves the others' lines.
 */
export function fieldLines(text: string): FieldLines {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const documents: Array<{ root?: PositionNode; lineAt(offset: number): number }> = [];
  for (const chunk of splitDocuments(source)) {
    const lineAt = lineFinder(chunk.text, chunk.firstLine);
    try {
      for (const root of positionTree(chunk.text, parseEvents(chunk.text, {}))) documents.push({ root, lineAt });
    } catch {
      documents.push({ lineAt });
    }
  }
  return {
    lineOf(document, field) {
      const found = documents[document ?? 0];
      return found?.root ? found.lineAt(find(found.root, field ?? '')) : undefined;
    },
  };
}

/** 1-based line of an offset in `text`, which starts at 0-based line `firstLine` of its file. */
function lineFinder(text: string, firstLine: number): (offset: number) => number {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return firstLine + low + 1;
  };
}

function positionTree(source: string, events: Event[]): Array<PositionNode | undefined> {
  const documents: Array<PositionNode | undefined> = [];
  const stack: Frame[] = [];
  const attach = (node: PositionNode, keyText?: string) => {
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (!frame.node) {
      frame.root ??= node;
    } else if (frame.node.items) {
      frame.node.items.push(node);
    } else if (!frame.pendingKey) {
      frame.pendingKey = { key: keyText ?? '', offset: node.offset };
    } else {
      frame.node.entries!.push({ key: frame.pendingKey.key, keyOffset: frame.pendingKey.offset, value: node });
      frame.pendingKey = undefined;
    }
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        stack.push({});
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const node: PositionNode =
          event.type === EVENT_ID.MAPPING ? { offset: event.start, entries: [] } : { offset: event.start, items: [] };
        attach(node);
        stack.push({ node });
        break;
      }
      case EVENT_ID.SCALAR:
        attach({ offset: Math.max(event.valueStart, 0) }, getScalarValue(source, event));
        break;
      case EVENT_ID.ALIAS:
        attach({ offset: Math.max(event.anchorStart, 0) });
        break;
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame && !frame.node) documents.push(frame.root);
        break;
      }
    }
  }
  return documents;
}

/**
 * The offset of `path` (`spec.providesApis[1]`, `metadata.annotations.github.com/project-slug`)
 * under `node`: a key may itself hold dots, so the longest key that fits is taken. A field that
 * is not written (a missing required one) gives its nearest written parent.
 */
function find(node: PositionNode, path: string): number {
  let current = node;
  let at = node.offset;
  let rest = path;
  while (rest) {
    const index = /^\[(\d+)\]\.?/.exec(rest);
    if (index && current.items) {
      const item = current.items[Number(index[1])];
      if (!item) break;
      current = item;
      at = item.offset;
      rest = rest.slice(index[0].length);
      continue;
    }
    const entry = current.entries
      ?.filter((e) => rest === e.key || rest.startsWith(`${e.key}.`) || rest.startsWith(`${e.key}[`))
      .sort((a, b) => b.key.length - a.key.length)[0];
    if (!entry) break;
    current = entry.value;
    at = entry.keyOffset;
    rest = rest.slice(entry.key.length).replace(/^\./, '');
  }
  return at;
}
