// The "Page on-call" modal: a summary, details and urgency, and the views that follow its submit
// (sending, paged, refused). The dedup key is made when the modal opens and rides in its
// private_metadata, so every submit of one modal carries the same key. A page PagerDuty did not
// accept brings the form back, filled in, with PagerDuty's reason on top: pressing *Page* again retries.
import type { types as SlackTypes } from '@slack/bolt';
import { SUMMARY_CHARS, type Urgency } from '../../src/oncall/index.js';
import { section, truncate } from '../../src/slack/index.js';

export const PAGE_CALLBACK = 'oncall.page.submit';
const SUMMARY_BLOCK = 'page-summary';
const DETAILS_BLOCK = 'page-details';
const URGENCY_BLOCK = 'page-urgency';
const INPUT = 'value';
const DETAILS_CHARS = 3000;

interface PageMetadata {
  /** The entity asked about. */
  ref: string;
  dedupKey: string;
}

type ModalView = SlackTypes.ModalView;
const text = (t: string) => ({ type: 'plain_text' as const, text: t, emoji: true });

/** What the form showed after a failed attempt: the reason, and what was typed. */
interface PageRetry {
  failure: string;
  form: PageForm;
}

export function pageModal(whom: string, meta: PageMetadata, retry?: PageRetry): ModalView {
  const urgencies: Array<{ value: Urgency; label: string }> = [
    { value: 'high', label: 'High: page now, day or night' },
    { value: 'low', label: 'Low: notify, no one woken' },
  ];
  const options = urgencies.map((u) => ({ text: text(u.label), value: u.value }));
  const typed = retry?.form;
  return {
    type: 'modal',
    callback_id: PAGE_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: text('Page on-call'),
    submit: text('Page'),
    close: text('Cancel'),
    blocks: [
      ...(retry
        ? [section(truncate(`:x: *Nobody was paged.* ${retry.failure}\nPress *Page* to try again.`, 3000))]
        : []),
      section(`Pages the on-call of ${whom} through PagerDuty. Nobody is paged until you press *Page*.`),
      {
        type: 'input',
        block_id: SUMMARY_BLOCK,
        label: text('What is wrong?'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT,
          max_length: SUMMARY_CHARS,
          placeholder: text('Checkout fails for every card payment'),
          ...(typed ? { initial_value: typed.summary } : {}),
        },
      },
      {
        type: 'input',
        block_id: DETAILS_BLOCK,
        optional: true,
        label: text('Details'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT,
          multiline: true,
          max_length: DETAILS_CHARS,
          ...(typed?.details ? { initial_value: typed.details } : {}),
        },
      },
      {
        type: 'input',
        block_id: URGENCY_BLOCK,
        label: text('Urgency'),
        element: {
          type: 'static_select',
          action_id: INPUT,
          options,
          initial_option: options.find((o) => o.value === typed?.urgency) ?? options[0],
        },
      },
    ],
  };
}

export function noticeView(mrkdwn: string): ModalView {
  return {
    type: 'modal',
    title: text('Page on-call'),
    close: text('Close'),
    blocks: [section(truncate(mrkdwn, 3000))],
  };
}

interface PageForm {
  summary: string;
  details?: string;
  urgency: Urgency;
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
>;

/** The submitted form, or the errors to show under its fields. */
export function readPageForm(values: StateValues): { form: PageForm } | { errors: Record<string, string> } {
  const summary = values[SUMMARY_BLOCK]?.[INPUT]?.value?.trim() ?? '';
  const details = values[DETAILS_BLOCK]?.[INPUT]?.value?.trim() || undefined;
  const urgency = values[URGENCY_BLOCK]?.[INPUT]?.selected_option?.value;
  const errors: Record<string, string> = {};
  if (!summary) errors[SUMMARY_BLOCK] = 'Say in a line what is wrong: it is what the on-call person reads first.';
  if (urgency !== 'high' && urgency !== 'low') errors[URGENCY_BLOCK] = 'Choose an urgency.';
  if (Object.keys(errors).length) return { errors };
  return { form: { summary, details, urgency: urgency as Urgency } };
}

export function decodePageMetadata(raw: string): PageMetadata | undefined {
  try {
    const meta = JSON.parse(raw) as Partial<PageMetadata>;
    return typeof meta.ref === 'string' && typeof meta.dedupKey === 'string'
      ? { ref: meta.ref, dedupKey: meta.dedupKey }
      : undefined;
  } catch {
    return undefined;
  }
}
