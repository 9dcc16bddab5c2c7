// Reads a question put to Callboard in a mention or a DM, deterministically (no language model):
// which of the questions it can answer it is, and about what. Patterns are tried from the most
// specific; a question none matches is `unknown`, so the caller shows the examples it can read
// rather than guessing. Pure, and bounded: only the first 300 characters are read.

export type Question =
  | { intent: 'owner' | 'oncall' | 'dependents' | 'dependencies' | 'docs' | 'scorecard'; subject: string }
  | { intent: 'team-owns'; subject: string }
  | { intent: 'no-oncall' | 'no-owner' }
  | { intent: 'unknown' };

const MAX_QUESTION_CHARS = 300;

/** What the reader understands, as the examples shown when it does not. */
export const QUESTION_EXAMPLES = [
  'who owns payments?',
  'who is on call for ledger?',
  'what depends on ledger-api?',
  'what does payments depend on?',
  'what does the ledger-team own?',
  'docs for payouts / runbook for payouts',
  "how is payments scoring? / payments's scorecard",
  'which services have no on-call?',
  'which entities have no owner?',
];

// `X` is captured lazily up to the end; fillers around it are stripped afterwards.
const S = '(.{1,120}?)';
const PATTERNS: Array<[RegExp, Question['intent']]> = [
  [
    /^(?:which|what) (?:services|components|systems|entities|things)?\s*(?:have|has|are) (?:no|without(?: an?)?) ?on[- ]?call\b/,
    'no-oncall',
  ],
  [/^(?:list )?(?:services|components) (?:with no|without(?: an?)?) on[- ]?call\b/, 'no-oncall'],
  [
    /\bno on[- ]?call (?:rotation|schedule)?\s*(?:set up|configured)?\b.*\b(?:services|components)\b|\b(?:services|components)\b.*\b(?:missing|lack(?:ing)?) (?:an? )?on[- ]?call\b/,
    'no-oncall',
  ],
  [
    /^(?:which|what) (?:services|components|systems|entities|apis|things|resources)?\s*(?:have|has|are) (?:no|without(?: an?)?) owners?\b|\bunowned\b|\b(?:orphan(?:ed)?|ownerless)\b/,
    'no-owner',
  ],
  [
    /^(?:list )?(?:services|components|entities) (?:with no|without(?: an?)?) owners?\b|\b(?:missing|lack(?:ing)?) (?:an? )?owners?\b/,
    'no-owner',
  ],
  [
    new RegExp(
      `^(?:who(?:'s| is)?|whom do i|who do i|who should i|who to) (?:on[- ]?call|page|ping|escalate to|call)\\s*(?:right now |now |today |tonight |this week )?(?:for|on|about|of|with|re:?|regarding)? ${S}$`,
    ),
    'oncall',
  ],
  [
    new RegExp(
      `^(?:who(?:'s| is| are)?|whos) (?:currently |the )?(?:on[- ]?call|holding the pager|has the pager|got the pager)(?: person| engineer)?\\s*(?:right now |now |today |tonight )?(?:for|on|of|at)? ${S}$`,
    ),
    'oncall',
  ],
  [new RegExp(`^on[- ]?call (?:for|of)? ?${S}$`), 'oncall'],
  [new RegExp(`^${S}(?:'s)? on[- ]?call(?: now| right now| today)?$`), 'oncall'],
  [
    new RegExp(
      `^(?:what|which (?:services|components|things|apis)?)\\s*(?:depends?|rel(?:y|ies)|calls?|uses?|consumes?) (?:on )?${S}$`,
    ),
    'dependents',
  ],
  [
    new RegExp(
      `^(?:who|what|which (?:services|teams|components))\\s*(?:uses|calls|consumes|needs|depends on|relies on) ${S}$`,
    ),
    'dependents',
  ],
  [new RegExp(`^(?:dependents|consumers|callers|users|downstream)(?: services)? (?:of|for) ${S}$`), 'dependents'],
  [new RegExp(`^(?:if|when) ${S} (?:goes|is) down,? what breaks$`), 'dependents'],
  [
    new RegExp(`^what (?:does|do|is) ${S} (?:depend(?:s|ing)? on|rel(?:y|ies|ying) on|use|call|need|talk to)$`),
    'dependencies',
  ],
  [new RegExp(`^(?:dependencies|deps|upstreams?)(?: services)? (?:of|for) ${S}$`), 'dependencies'],
  [new RegExp(`^${S}(?:'s)? (?:dependencies|deps|upstreams?)$`), 'dependencies'],
  [new RegExp(`^what ${S} depends on$`), 'dependencies'],
  [
    new RegExp(
      `^(?:what|which (?:services|components|things|systems|repos))\\s*(?:does|do|is|are) (?:the )?(?:team )?${S} (?:own|owning|responsible for|maintain)$`,
    ),
    'team-owns',
  ],
  [new RegExp(`^(?:what|which (?:services|components|things))\\s*(?:team )?${S} owns$`), 'team-owns'],
  [
    new RegExp(
      `^(?:list|show)(?: me)? (?:everything|what|all(?: the)? (?:services|components|things))?\\s*(?:owned by|that) (?:the )?(?:team )?${S}(?: owns)?$`,
    ),
    'team-owns',
  ],
  [new RegExp(`^(?:everything|services|components|all services) owned by (?:the )?(?:team )?${S}$`), 'team-owns'],
  [
    new RegExp(
      `^(?:where (?:are|is|can i find) )?(?:the )?(?:docs|documentation|runbooks?|playbooks?|readme|tech ?docs)(?: page)? (?:for|of|on|about) ${S}$`,
    ),
    'docs',
  ],
  [new RegExp(`^${S}(?:'s)? (?:docs|documentation|runbooks?|playbooks?|readme)$`), 'docs'],
  [
    new RegExp(
      `^(?:how do i|where do i) (?:find|read|get to) (?:the )?(?:docs|documentation|runbook) (?:for|of) ${S}$`,
    ),
    'docs',
  ],
  [new RegExp(`^(?:is there an?|got an?|any) (?:runbook|docs|documentation|playbook) (?:for|on) ${S}$`), 'docs'],
  [
    new RegExp(
      `^(?:how(?: is|'s| does| do)?|hows) ${S} (?:scoring|score|rated|measuring up|measure up|doing on (?:the |its )?(?:scorecards?|scores))$`,
    ),
    'scorecard',
  ],
  [
    new RegExp(
      `^(?:what(?: is|'s| are)?|whats|show(?: me)?|get) (?:the |its )?(?:scorecards?|scores?|level|levels) (?:for|of|on) ${S}$`,
    ),
    'scorecard',
  ],
  [new RegExp(`^(?:scorecards?|scores?|levels?) (?:for|of) ${S}$`), 'scorecard'],
  [new RegExp(`^(?:what|which) level is ${S}(?: at| on)?$`), 'scorecard'],
  // Last: "how does X score" must not read as "how does X"'s score.
  [new RegExp(`^${S}(?:'s)? (?:scorecards?|score ?cards?|scores?|level)$`), 'scorecard'],
  [
    new RegExp(
      `^(?:who(?:'s| is| are)?|whos) (?:the )?(?:owner|owners|owning team|responsible|maintainer|maintainers) (?:of|for)? ?${S}$`,
    ),
    'owner',
  ],
  [
    new RegExp(
      `^(?:who|which team|what team|whose team)\\s*(?:owns|maintains|runs|is responsible for|looks after|takes care of|handles) ${S}$`,
    ),
    'owner',
  ],
  [new RegExp(`^(?:owner|owners|ownership) (?:of|for) ${S}$`), 'owner'],
  [new RegExp(`^whose (?:is|service is|repo is|code is) ${S}$`), 'owner'],
  [new RegExp(`^(?:do you know |does anyone know |anyone know )?who (?:owns|maintains) ${S}$`), 'owner'],
  [new RegExp(`^${S}(?:'s)? (?:owner|owners|owning team)$`), 'owner'],
  [new RegExp(`^who (?:do i|should i|can i) (?:talk to|ask|contact|reach out to) about ${S}$`), 'owner'],
];

export function readQuestion(raw: string): Question {
  const text = normalise(raw.slice(0, MAX_QUESTION_CHARS));
  if (!text) return { intent: 'unknown' };
  for (const [pattern, intent] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (intent === 'no-oncall' || intent === 'no-owner') return { intent };
    if (intent === 'unknown') return { intent };
    const subject = cleanSubject(m[1] ?? '');
    if (!subject) continue;
    return { intent, subject } as Question;
  }
  return { intent: 'unknown' };
}

/** Lower case, Slack mentions and links unwrapped, politeness and punctuation dropped. */
function normalise(raw: string): string {
  return raw
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/^[\s,]*(?:hey|hi|hello|yo|ok|so|quick question|q)\b[\s,:!-]*/, '')
    .replace(/^@?callboard\b[\s,:]*/, '')
    .replace(/\b(?:please|pls|plz|thanks|thank you|ty)\b/g, ' ')
    .replace(/^(?:can|could) you (?:tell me|show me|find|check)\s*/, '')
    .replace(/^(?:do you know|tell me|i need to know|i'd like to know)\s*/, '')
    .replace(/[?!.,;]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `the payments service` → `payments`; `ledger-api's` → `ledger-api`; backticks and quotes dropped. */
function cleanSubject(subject: string): string {
  return subject
    .replace(/[`"*_]/g, '')
    .replace(/'s$/, '')
    .replace(/^(?:this|that|it):\s*/, '')
    .replace(/^(?:the|our|this|that|a|an)\s+/, '')
    .replace(/\s+(?:service|services|component|api|app|repo|repository|system|team|thing)$/, (m) =>
      // "the ledger api" keeps "api" only when it is part of a hyphenated name; a trailing word is a kind.
      m.trim() === 'api' ? ' api' : '',
    )
    .replace(/\s+(?:right now|now|today|currently|at the moment)$/, '')
    .trim();
}
