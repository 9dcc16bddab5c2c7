// Structured logs (pino). Secrets are redacted by path so that a token passed along
// in an object by mistake still never reaches the log.
import { pino, type Logger } from 'pino';

const SECRET_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'privateKey',
  '*.privateKey',
  'webhookSecret',
  '*.webhookSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'databaseUrl',
  '*.databaseUrl',
  // PagerDuty's REST token, Opsgenie's key, and the integration key that pages a team.
  'apiKey',
  '*.apiKey',
  'onCall.pagerduty.token',
  'onCall.opsgenie.apiKey',
  '*.onCall.pagerduty.token',
  '*.onCall.opsgenie.apiKey',
  'routingKey',
  '*.routingKey',
  '*.*.routingKey',
  'routing_key',
  '*.routing_key',
  '*.*.routing_key',
  // Errors from HTTP clients carry the request they failed on.
  'err.request.headers.authorization',
  'err.config.headers.Authorization',
  'err.headers.authorization',
];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', redact: { paths: SECRET_PATHS, censor: '[redacted]' } },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that writes nothing: the default for tests and for CLI commands. */
export const silentLogger: Logger = pino({ level: 'silent' });

export type { Logger };
