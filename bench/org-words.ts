// Word lists a generated organisation is built from: the vocabulary of a payments company.

export const AREAS = [
  'payments', 'ledger', 'cards', 'lending', 'identity', 'risk', 'fraud', 'treasury', 'billing', 'invoicing',
  'payouts', 'merchant', 'onboarding', 'compliance', 'kyc', 'accounts', 'transfers', 'fx', 'wallet', 'rewards',
  'notifications', 'search', 'analytics', 'reporting', 'pricing', 'checkout', 'subscriptions', 'disputes',
  'chargebacks', 'settlement', 'reconciliation', 'tax', 'statements', 'savings', 'mortgages', 'insurance',
  'loyalty', 'support', 'messaging', 'auth', 'audit', 'docs', 'data', 'ml', 'platform', 'edge', 'mobile',
  'partner', 'open-banking', 'crypto',
];

export const NOUNS = [
  'gateway', 'router', 'scheduler', 'engine', 'store', 'index', 'catalog', 'profile', 'session', 'token',
  'ledger', 'journal', 'balance', 'limit', 'quote', 'order', 'refund', 'capture', 'authorisation', 'mandate',
  'webhook', 'event', 'export', 'import', 'batch', 'stream', 'report', 'alert', 'rule', 'score', 'model',
  'feature', 'document', 'statement', 'receipt', 'invoice', 'customer', 'account', 'card', 'device', 'address',
  'consent', 'review', 'case', 'ticket', 'queue', 'cache', 'registry', 'config', 'secret', 'key', 'certificate',
  'rate', 'currency', 'payout', 'settlement', 'dispute', 'transfer', 'schedule', 'reminder', 'template',
  'email', 'sms', 'push', 'audit', 'archive', 'snapshot', 'ledger-entry', 'fee', 'tariff', 'plan', 'offer',
  'voucher', 'referral', 'merchant', 'terminal', 'acquirer', 'issuer', 'network', 'bin', 'pin', 'otp',
  'identity', 'kyc-check', 'sanction', 'watchlist', 'graph', 'search', 'directory', 'portal', 'dashboard',
  'console', 'assistant', 'translator', 'forecast', 'budget', 'tax-rule', 'calendar', 'holiday', 'cutoff',
];

export const COMPONENT_SUFFIXES = [
  'service', 'api', 'worker', 'web', 'app', 'job', 'consumer', 'gateway', 'proxy', 'cli', 'lib', 'ui', 'bff',
  'sync', 'exporter',
];

export const COMPONENT_TYPES: Record<string, string> = {
  service: 'service', api: 'service', worker: 'service', job: 'service', consumer: 'service', gateway: 'service',
  proxy: 'service', sync: 'service', exporter: 'service', bff: 'service', web: 'website', app: 'website', ui: 'website',
  cli: 'tool', lib: 'library',
};

export const SYSTEM_NOUNS = [
  'core', 'platform', 'hub', 'suite', 'console', 'pipeline', 'engine', 'network', 'portal', 'backbone', 'mesh',
  'warehouse', 'lake', 'studio', 'workbench', 'exchange', 'vault', 'center', 'tower', 'desk',
];

export const REGIONS = ['eu', 'us', 'uk', 'apac', 'latam', 'mena', 'nordics', 'dach'];

export const DEPARTMENTS = [
  'engineering', 'product', 'data', 'operations', 'security', 'finance', 'customer-experience', 'infrastructure',
  'growth', 'risk-office',
];

export const TEAM_NOUNS = ['team', 'squad', 'crew', 'guild', 'pod', 'platform-team', 'enablement', 'chapter'];

export const FIRST_NAMES = [
  'amara', 'bastian', 'chioma', 'dmitri', 'elena', 'farid', 'greta', 'hiro', 'ines', 'jonas', 'kalani', 'leila',
  'mateo', 'nadia', 'oskar', 'priya', 'quentin', 'rosa', 'sven', 'tamar', 'ugo', 'vera', 'wen', 'ximena',
  'yusuf', 'zofia', 'aiko', 'bruno', 'camila', 'deniz', 'emeka', 'freya', 'gaspard', 'hana', 'ivan', 'jade',
  'kofi', 'lucia', 'milan', 'noor', 'olga', 'pablo', 'rania', 'samir', 'tove', 'uma', 'viktor', 'wanjiru',
  'yara', 'zane', 'anouk', 'bilal', 'clara', 'diego', 'esme', 'felix', 'giulia', 'hassan', 'ingrid', 'javier',
];

export const LAST_NAMES = [
  'okafor', 'lindqvist', 'moreau', 'tanaka', 'rahman', 'novak', 'castillo', 'mbeki', 'fischer', 'kowalski',
  'haddad', 'silva', 'nguyen', 'petrov', 'oconnor', 'brennan', 'yilmaz', 'rossi', 'andersen', 'kim', 'mendes',
  'osei', 'varga', 'dubois', 'schmidt', 'ibrahim', 'larsen', 'costa', 'adeyemi', 'weber', 'horvat', 'sato',
  'quinn', 'morales', 'eriksen', 'bauer', 'chen', 'diaz', 'fernandes', 'gallo', 'hughes', 'iyer', 'jansen',
  'kaur', 'lopez', 'marsh', 'nakamura', 'ortiz', 'park', 'ramos', 'santos', 'torres', 'ueda', 'volkov',
];

export const VERBS = [
  'Handles', 'Tracks', 'Computes', 'Validates', 'Stores', 'Publishes', 'Reconciles', 'Schedules', 'Routes',
  'Exposes', 'Aggregates', 'Monitors', 'Encrypts', 'Syncs', 'Renders', 'Scores', 'Indexes', 'Archives',
];

export const AUDIENCES = [
  'merchants', 'cardholders', 'the finance team', 'support agents', 'partner banks', 'mobile customers',
  'internal tools', 'regulators', 'the risk team', 'small businesses', 'enterprise clients', 'data science',
];

export const LANGUAGE_TAGS = ['typescript', 'go', 'java', 'kotlin', 'python', 'rust', 'scala', 'ruby'];
export const PLATFORM_TAGS = ['postgres', 'kafka', 'redis', 'grpc', 'graphql', 'rest', 'kubernetes', 'lambda', 'terraform'];
export const CONCERN_TAGS = ['pci', 'gdpr', 'sox', 'tier-1', 'tier-2', 'tier-3', 'customer-facing', 'internal', 'batch', 'realtime'];

export const RESOURCE_KINDS: Array<{ suffix: string; type: string; tags: string[] }> = [
  { suffix: 'db', type: 'database', tags: ['postgres'] },
  { suffix: 'replica', type: 'database', tags: ['postgres', 'read-replica'] },
  { suffix: 'queue', type: 'queue', tags: ['sqs'] },
  { suffix: 'topic', type: 'topic', tags: ['kafka'] },
  { suffix: 'bucket', type: 's3-bucket', tags: ['s3'] },
  { suffix: 'cache', type: 'cache', tags: ['redis'] },
  { suffix: 'search-cluster', type: 'search-cluster', tags: ['opensearch'] },
];

export const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
