// What a form view carries from one submission to the next in private_metadata (Slack keeps
// it with the view): the template, the request's id (a double submit is one task), which pages
// this view shows, how deep the view stack is, and the answers of earlier pages.
import { SLACK_LIMITS } from './slack-limits.js';

export interface FormMetadata {
  /** The template's ref. */
  template: string;
  /** Stable for one request from picker to submit: a retry or double submit creates one task. */
  requestId: string;
  /** Parameter pages this view shows. */
  pages: number[];
  /** Views in Slack's stack, this one included (at most 3). */
  depth: number;
  /** Values answered on earlier pages. */
  values: Record<string, unknown>;
  /** Where /create was typed, to post the result there too. */
  channelId?: string;
}

export class FormTooLargeError extends Error {
  constructor() {
    super(
      `The answers are too long to carry to the next page (Slack keeps at most ${SLACK_LIMITS.privateMetadata} characters). Shorten the longer answers.`,
    );
    this.name = 'FormTooLargeError';
  }
}

export function encodeFormMetadata(meta: FormMetadata): string {
  const text = JSON.stringify({
    t: meta.template,
    r: meta.requestId,
    p: meta.pages,
    d: meta.depth,
    a: meta.values,
    c: meta.channelId,
  });
  if (text.length > SLACK_LIMITS.privateMetadata) throw new FormTooLargeError();
  return text;
}

export function decodeFormMetadata(text: string | undefined): FormMetadata | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (typeof raw.t !== 'string' || typeof raw.r !== 'string') return undefined;
    return {
      template: raw.t,
      requestId: raw.r,
      pages: Array.isArray(raw.p) ? raw.p.filter((p): p is number => Number.isInteger(p)) : [],
      depth: typeof raw.d === 'number' ? raw.d : 1,
      values: raw.a && typeof raw.a === 'object' && !Array.isArray(raw.a) ? (raw.a as Record<string, unknown>) : {},
      channelId: typeof raw.c === 'string' ? raw.c : undefined,
    };
  } catch {
    return undefined;
  }
}
