// Bolt's HTTPReceiver with a guard in front of /slack/events. Bolt reads `body.ssl_check` off
// whatever the body parses to, outside any try: a body of JSON `null` (or `payload=null`) throws
// where nothing catches it, and the process ends. The guard reads the body first (Bolt reuses
// what it read), parses it exactly as Bolt will, and answers 400 unless it is a JSON object.
// It also stamps each request's arrival, so that the acknowledgement deadline counts from then
// rather than from when a listener gets round to it (under a burst, that can be seconds later),
// and runs it in a request scope, so a failure nothing caught is still logged with its request.
// Beyond Bolt, it refuses (401) a request timestamped more than five minutes from now either
// way (Bolt checks only the past), answers 400 for an interaction with no user or an event
// callback with no event (a listener would throw on them, a 500), and answers at once, 404, a
// payload type nothing here handles, instead of letting Bolt wait three seconds to say so.
import type { IncomingMessage } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  type BufferedIncomingMessage,
  type HTTPReceiverOptions,
} from '@slack/bolt';
import type { Logger } from '../log.js';
import { inRequestScope } from './request-scope.js';

/** The context property a listener finds the request's arrival in (ms, on the app's clock). */
export const ARRIVED_AT = 'arrivedAt';

const arrivals = new WeakMap<IncomingMessage, number>();

interface GuardedReceiverOptions extends Omit<HTTPReceiverOptions, 'customPropertiesExtractor'> {
  /** Where refused requests are logged (Bolt's own logger speaks only strings). */
  log: Logger;
  /** The app's clock (ms); arrivals are stamped with it. */
  now: () => number;
}

export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor({ log, now, ...options }: GuardedReceiverOptions) {
    super({ ...options, customPropertiesExtractor: (req) => ({ [ARRIVED_AT]: arrivals.get(req) ?? now() }) });
    const endpoints = [options.endpoints ?? '/slack/events'].flat();
    const bodyLimit = options.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
    const boltListener = this.requestListener;
    this.requestListener = (req, res) =>
      inRequestScope({ method: req.method, url: req.url }, () => {
        arrivals.set(req, now());
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) {
          boltListener(req, res);
          return;
        }
        const clockSkew = timestampRefusal(req, now());
        if (clockSkew) {
          log.warn({ method: req.method, url: req.url, status: 401, reason: clockSkew }, 'Slack request refused');
          res.writeHead(401).end();
          return;
        }
        checkBody(req, bodyLimit)
          .then((refusal) => {
            if (!refusal) {
              boltListener(req, res);
              return;
            }
            const { status, reason } = refusal;
            log.warn({ method: req.method, url: req.url, status, reason }, 'Slack request refused');
            if (!res.headersSent) res.writeHead(status).end();
          })
          .catch((error: unknown) => {
            log.error({ err: error, method: req.method, url: req.url }, 'Slack request failed before reaching the app');
            if (!res.headersSent) res.writeHead(500).end();
          });
      });
  }
}

/** Why the body cannot go on to Bolt, or undefined when it can. */
type Refusal = { status: number; reason: string };

async function checkBody(req: IncomingMessage, bodyLimit: number | string): Promise<Refusal | undefined> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
  } catch (error) {
    if (isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
      return { status: 413, reason: `body over the limit of ${bodyLimit} bytes` };
    }
    return { status: 400, reason: 'body could not be read' };
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { status: 400, reason: 'body is not valid JSON or form data' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
    return { status: 400, reason: `body is ${what}, not an object` };
  }
  return payloadRefusal(body as Record<string, unknown>);
}

/** Slack's rule: a request more than five minutes old, or from more than five minutes ahead, is refused. */
const TIMESTAMP_TOLERANCE_S = 5 * 60;

function timestampRefusal(req: IncomingMessage, nowMs: number): string | undefined {
  const header = req.headers['x-slack-request-timestamp'];
  const timestamp = Number(Array.isArray(header) ? header[0] : header);
  // No timestamp at all is Bolt's to refuse, with the signature.
  if (header === undefined || !Number.isFinite(timestamp)) return undefined;
  if (Math.abs(nowMs / 1000 - timestamp) > TIMESTAMP_TOLERANCE_S) return 'timestamp more than five minutes from now';
  return undefined;
}

/** Interaction payloads the app has listeners for; each carries the user who acted. */
const INTERACTIONS = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
]);
/** Other bodies Bolt or the app answer: events, Slack's URL check, its rate-limit notice. */
const OTHER_TYPES = new Set(['event_callback', 'url_verification', 'app_rate_limited']);

function payloadRefusal(body: Record<string, unknown>): Refusal | undefined {
  // A slash command (form fields) or Slack's ssl_check has no type: Bolt answers those.
  if (typeof body.command === 'string' || body.ssl_check !== undefined) return undefined;
  const raw = typeof body.payload === 'string' ? parseJsonObject(body.payload) : body;
  if (!raw) return undefined;
  const type = raw.type;
  if (typeof type === 'string' && INTERACTIONS.has(type)) {
    const user = raw.user as { id?: unknown } | null | undefined;
    if (!user || typeof user !== 'object' || typeof user.id !== 'string')
      return { status: 400, reason: `${type} payload without a user` };
    return undefined;
  }
  if (type === 'event_callback') {
    if (!raw.event || typeof raw.event !== 'object' || Array.isArray(raw.event))
      return { status: 400, reason: 'event_callback without an event' };
    return undefined;
  }
  if (typeof type === 'string' && OTHER_TYPES.has(type)) return undefined;
  return { status: 404, reason: `no listener handles a payload of type ${JSON.stringify(type ?? null)}` };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
