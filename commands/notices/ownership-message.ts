// "Do you still own these?" as a Slack message: the team's entities and Yes / Not ours buttons;
// once answered, the same message re-rendered to say who answered what and when, buttons gone.
// The button ids start with `callboard.`: /callboard's module answers them (ownership-buttons.ts).
import type { OwnershipQuestion } from '../../src/notices/ownership-checks.js';
import type { Block } from '../../src/slack/command.js';
import {
  actions,
  bold,
  button,
  context,
  escapeMrkdwn,
  inlineList,
  SLACK_LIMITS,
  section,
  slackDate,
  truncate,
} from '../../src/slack/index.js';
import type { OwnershipCheckRow } from '../../src/store/ownership-check-store.js';

export const CONFIRM_OWNERSHIP = 'callboard.ownership-yes';
export const DISOWN_OWNERSHIP = 'callboard.ownership-not-ours';

interface OwnershipAnswerShown {
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
}

export function ownershipMessage(
  question: OwnershipQuestion,
  answered?: OwnershipAnswerShown,
): { text: string; blocks: Block[] } {
  const team = escapeMrkdwn(question.teamTitle ?? question.teamRef);
  const n = question.entityRefs.length;
  const listed = inlineList(
    question.entityRefs.map((ref) => `\`${escapeMrkdwn(ref)}\``),
    SLACK_LIMITS.sectionText - 200,
  );
  const blocks: Block[] = [
    section(
      `:mag: ${bold(`Does ${team} still own these?`)} The catalog says ${team} owns ${n} entit${n === 1 ? 'y' : 'ies'}:`,
    ),
    section(listed),
  ];
  if (answered?.answer) blocks.push(section(answerLine(answered)));
  else {
    blocks.push(
      ...actions([
        button('Yes, still ours', CONFIRM_OWNERSHIP, question.key, 'primary'),
        button('Not ours', DISOWN_OWNERSHIP, question.key, 'danger'),
      ]),
    );
    blocks.push(
      context(
        '*Not ours* asks the platform channel to find the right owner. Asked every few weeks so the catalog stays true.',
      ),
    );
  }
  const head = `Does ${question.teamTitle ?? question.teamRef} still own these ${n} entities?`;
  return {
    text: truncate(answered?.answer ? `${head} ${plain(answerLine(answered))}` : head, SLACK_LIMITS.messageText),
    blocks,
  };
}

function answerLine(answered: OwnershipAnswerShown): string {
  const who =
    answered.answeredBy && /^[UW][A-Z0-9]{2,}$/.test(answered.answeredBy) ? `<@${answered.answeredBy}>` : 'someone';
  const when = answered.answeredAt ? slackDate(answered.answeredAt) : '';
  return answered.answer === 'yes'
    ? `:white_check_mark: Confirmed by ${who} on ${when}.`
    : `:leftwards_arrow_with_hook: ${who} said these are not ours on ${when}; the platform channel was asked to re-assign them.`;
}

/** The plain-text fallback: Slack's date and mention markup read as their fallbacks. */
function plain(text: string): string {
  return text.replace(/<!date\^[^|]*\|([^>]*)>/g, '$1').replace(/:[a-z_]+: /g, '');
}

/** The question a stored check was, to render it again. */
export function questionOf(check: OwnershipCheckRow, teamTitle?: string): OwnershipQuestion {
  return { key: check.key, teamRef: check.teamRef, teamTitle, entityRefs: check.entityRefs };
}
