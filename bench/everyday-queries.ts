// Everyday queries on the demo catalog (examples/), written by hand the way people type them into
// Slack: names, starts of names, short forms, typos, phrases, emoji, people, and names the
// catalog does not have. Each says what a person should get:
// - `open`: the entity meant, clear enough to open outright;
// - `ask`: the words fit several names, so the answer asks which, and one of these comes first;
// - `offer`: found only by the words around it (what it does, what it is made of): it must come
//   first, whether opened, asked about or suggested;
// - `none`: the catalog has no such thing, so the answer says nothing matches (suggestions allowed).
// Not generated from the names (bench/labelled-queries.ts does that): labels are what the
// person meant, not what the index finds.

export type EverydayQuery =
  | { group: string; query: string; open: string }
  | { group: string; query: string; ask: string[] }
  | { group: string; query: string; offer: string }
  | { group: string; query: string; none: true };

const c = (name: string) => `component:default/${name}`;
const api = (name: string) => `api:default/${name}`;
const r = (name: string) => `resource:default/${name}`;
const sys = (name: string) => `system:default/${name}`;
const d = (name: string) => `domain:default/${name}`;
const g = (name: string) => `group:default/${name}`;
const u = (name: string) => `user:default/${name}`;

const open = (group: string, query: string, ref: string): EverydayQuery => ({ group, query, open: ref });
const ask = (group: string, query: string, ...refs: string[]): EverydayQuery => ({ group, query, ask: refs });
const offer = (group: string, query: string, ref: string): EverydayQuery => ({ group, query, offer: ref });
const none = (group: string, query: string): EverydayQuery => ({ group, query, none: true });

export const EVERYDAY_QUERIES: EverydayQuery[] = [
  // Names and titles, typed as people say them.
  open('name', 'payments', c('payments')),
  open('name', 'ledger', c('ledger')),
  open('name', 'card processor', c('card-processor')),
  open('name', 'Payouts Service', c('payouts')),
  open('name', 'deploy-cli', c('deploy-cli')),
  open('name', 'hosted checkout', c('checkout-web')),
  open('name', 'merchant dashboard', c('merchant-dashboard')),
  open('name', 'kyc checker', c('kyc-checker')),
  open('name', 'identity service', c('identity-service')),
  open('name', 'support console', c('support-console')),
  open('name', 'Payments API', api('payments-api')),
  open('name', 'ledger api', api('ledger-api')),
  open('name', 'ledger db', r('ledger-db')),
  open('name', 'card vault', r('card-vault-db')),
  open('name', 'payments-cache', r('payments-cache')),
  open('name', 'general ledger', sys('general-ledger')),
  open('name', 'paved road', sys('paved-road')),
  open('name', 'trust and safety', d('trust-and-safety')),
  open('name', 'Kestrel Service Kit', c('kestrel-service-kit')),
  open('name', 'reconciliation worker', c('reconciliation-worker')),
  open('name', 'fraud scoring', c('fraud-scoring')),
  open('name', 'Kestrel Pay app', c('merchant-app')),
  open('name', 'Payments-API', api('payments-api')),
  open('name', 'component:ledger', c('ledger')),
  open('name', '  Ledger  ', c('ledger')),
  open('name', 'payments_db', r('payments-db')),
  open('name', 'card.processor', c('card-processor')),
  open('name', 'payment events topic', r('payment-events-topic')),
  open('name', 'the ledger', c('ledger')),
  open('name', 'the payments api', api('payments-api')),
  open('name', 'payouts queue', r('payouts-queue')),
  open('name', 'webhooks', c('payment-webhooks')),
  open('name', 'fraud api', api('fraud-score-api')),
  open('name', 'card db', r('card-vault-db')),
  open('name', 'kyc docs', r('kyc-documents-bucket')),

  // The start of a name that only one name starts with.
  open('prefix', 'recon', c('reconciliation-worker')),
  open('prefix', 'checkout', c('checkout-web')),
  open('prefix', 'settlement', r('settlement-files-bucket')),
  open('prefix', 'deploy', c('deploy-cli')),
  open('prefix', 'kyc check', c('kyc-checker')),
  open('prefix', 'support con', c('support-console')),
  open('prefix', 'risk rules', c('risk-rules-console')),
  open('prefix', 'payment web', c('payment-webhooks')),
  open('prefix', 'card auth', api('card-authorisation-api')),
  open('prefix', 'reconcil', c('reconciliation-worker')),
  open('prefix', 'settlement files', r('settlement-files-bucket')),
  open('prefix', 'payments d', r('payments-db')),

  // The start of several names: asks which.
  ask('prefix-several', 'pay', c('payments'), c('payouts')),
  ask('prefix-several', 'fraud', c('fraud-scoring'), sys('fraud-detection')),
  ask('prefix-several', 'identity', c('identity-service'), r('identity-db'), api('identity-api'), g('identity-team')),
  ask('prefix-several', 'card', c('card-processor'), r('card-vault-db'), api('card-authorisation-api')),
  ask('prefix-several', 'kyc', c('kyc-checker'), api('kyc-events'), r('kyc-documents-bucket')),
  ask('prefix-several', 'kestrel', g('kestrel-pay'), c('kestrel-service-kit'), c('merchant-app')),
  ask('prefix-several', 'payment', c('payments')),
  ask('prefix-several', 'risk', g('risk-team'), c('risk-rules-console')),
  ask('prefix-several', 'merchant dash', c('merchant-dashboard')),

  // Short forms.
  open('short-form', 'ops', g('operations')),
  open('short-form', 'ldg', c('ledger')),
  ask('short-form', 'frd', c('fraud-scoring'), sys('fraud-detection')),
  open('short-form', 'ldgr', c('ledger')),
  open('short-form', 'recon wrkr', c('reconciliation-worker')),
  open('short-form', 'money mgmt', d('money-management')),
  open('short-form', 'identity svc', c('identity-service')),
  open('short-form', 'kyc chkr', c('kyc-checker')),
  open('short-form', 'pmts api', api('payments-api')),
  open('short-form', 'ldg db', r('ledger-db')),
  open('short-form', 'payments svc', c('payments')),
  open('short-form', 'ops team', g('customer-operations-team')),
  open('short-form', 'cust ops', g('customer-operations-team')),
  open('short-form', 'stlmt bucket', r('settlement-files-bucket')),

  // Typos.
  open('typo', 'paymnts', c('payments')),
  open('typo', 'ledgr', c('ledger')),
  open('typo', 'recociliation', c('reconciliation-worker')),
  open('typo', 'fruad scoring', c('fraud-scoring')),
  open('typo', 'chekout', c('checkout-web')),
  open('typo', 'identiy service', c('identity-service')),
  open('typo', 'kestral service kit', c('kestrel-service-kit')),
  open('typo', 'payouts servce', c('payouts')),
  open('typo', 'card procesor', c('card-processor')),
  open('typo', 'merchant dashbaord', c('merchant-dashboard')),
  open('typo', 'suport console', c('support-console')),
  open('typo', 'greta satto', u('greta-sato')),
  open('typo', 'ledegr api', api('ledger-api')),
  open('typo', 'paved raod', sys('paved-road')),
  open('typo', 'risk rulse console', c('risk-rules-console')),

  // Phrases: what it does, what it is made of.
  offer('phrase', 'who handles chargebacks', c('fraud-scoring')),
  offer('phrase', 'kafka topic', r('payment-events-topic')),
  offer('phrase', 'idempotency keys', r('payments-cache')),
  offer('phrase', 'instant payouts', api('payouts-api')),
  offer('phrase', 'double entry bookkeeping', sys('general-ledger')),
  offer('phrase', 'ledger service', c('ledger')),
  open('phrase', 'graphql', api('merchant-dashboard-graphql')),
  offer('phrase', 'fraud rules', c('risk-rules-console')),
  offer('phrase', 'encrypted card numbers', r('card-vault-db')),

  // Emoji, as Slack sends them (shortcodes) or pasted.
  none('emoji', ':credit_card:'),
  open('emoji', 'payments :credit_card:', c('payments')),
  open('emoji', ':moneybag: payouts', c('payouts')),
  open('emoji', 'ledger :eyes:', c('ledger')),
  none('emoji', ':fire: :fire:'),
  open('emoji', '💳 card processor', c('card-processor')),
  none('emoji', ':wave::skin-tone-2:'),

  // People and teams.
  open('people', 'greta sato', u('greta-sato')),
  open('people', 'greta', u('greta-sato')),
  open('people', 'sato', u('greta-sato')),
  open('people', 'novak', u('leila-novak')),
  open('people', 'nora', u('nora-lindqvist')),
  open('people', 'felix adeyemi', u('felix-adeyemi')),
  open('people', 'leila', u('leila-novak')),
  open('people', 'diego varga', u('diego-varga')),
  open('people', 'kofi', u('kofi-dubois')),
  open('people', 'isabel okafor', u('isabel-okafor')),
  open('people', 'ledger team', g('ledger-team')),
  open('people', 'payments team', g('payments-team')),
  open('people', 'mobile team', g('mobile-team')),
  open('people', 'risk team', g('risk-team')),
  open('people', 'Platform Team', g('platform-team')),
  open('people', 'operations', g('operations')),
  open('people', 'engineering', g('engineering')),

  // Things this catalog does not have.
  none('not-in-catalog', 'blockchain indexer'),
  none('not-in-catalog', 'kubernetes-operator'),
  none('not-in-catalog', 'kubernetes operator'),
  none('not-in-catalog', 'terraform modules'),
  none('not-in-catalog', 'billing'),
  none('not-in-catalog', 'data warehouse'),
  none('not-in-catalog', 'notifications service'),
  none('not-in-catalog', 'search-api'),
  none('not-in-catalog', 'jenkins'),
  none('not-in-catalog', 'zzqxv'),
  none('not-in-catalog', 'grafana dashboards'),
  none('not-in-catalog', 'invoicing'),
  none('not-in-catalog', 'email sender'),
  none('not-in-catalog', 'sso'),
  none('not-in-catalog', 'hr portal'),
  none('not-in-catalog', 'mobile backend'),
  none('not-in-catalog', 'feature flags'),
  none('not-in-catalog', 'elasticsearch cluster'),
];
