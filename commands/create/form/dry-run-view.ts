// Where /create ends in the local playground: instead of creating anything, the form's last
// submit shows a dry run of the template (each step, and the files the repository would hold).
import type { KnownBlock, ModalView } from '@slack/types';
import type { RunOutcome } from '../../../src/scaffold/run/run-steps.js';
import type { TemplateDefinition } from '../../../src/scaffold/types.js';
import { clip, plainText, SLACK_LIMITS } from './slack-limits.js';

const MARK = { completed: ':white_check_mark:', skipped: ':fast_forward:', failed: ':x:' } as const;
/** Files listed by name before the rest are counted: a modal section holds 3,000 characters. */
const LISTED_FILES = 60;

function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } };
}

export function dryRunView(template: TemplateDefinition, outcome: RunOutcome): ModalView {
  const steps = outcome.steps.map(
    (r) => `${MARK[r.state]} ${r.index + 1}. ${escapeMrkdwn(r.step.name)} (\`${escapeMrkdwn(r.step.action)}\`)`,
  );
  const files = [...outcome.workspace.keys()].sort();
  const listed = files
    .slice(0, LISTED_FILES)
    .map((f) => escapeMrkdwn(f))
    .join('\n');
  const more = files.length > LISTED_FILES ? `\n…and ${files.length - LISTED_FILES} more` : '';
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(template.title)}*: a dry run. Nothing was created: this is the playground, not Slack.`),
    section(`*Steps*\n${steps.join('\n') || '(none)'}`),
  ];
  const { failure } = outcome;
  if (failure) {
    const step = escapeMrkdwn(failure.stepName);
    blocks.push(section(`:warning: Step “${step}” would fail: ${escapeMrkdwn(failure.reason)}`));
  }
  blocks.push(
    section(
      files.length
        ? `*Files it would create (${files.length})*\n\`\`\`${listed}${more}\`\`\``
        : '*Files it would create*\nnone',
    ),
  );
  return {
    type: 'modal',
    title: plainText('Dry run', SLACK_LIMITS.modalTitle),
    close: plainText('Close', SLACK_LIMITS.modalButton),
    blocks,
  };
}
