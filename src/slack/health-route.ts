// GET /healthz beside /slack/events: 200 while the store answers, 503 when it does not, so a
// load balancer stops sending Slack's requests to a replica that cannot answer them.
import type { CustomRoute } from '@slack/bolt';

export function healthRoute(check: () => Promise<unknown>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
      check().then(
        () => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ status: 'ok' }));
        },
        () => {
          res.writeHead(503, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ status: 'unavailable', reason: 'the catalog store is not answering' }));
        },
      );
    },
  };
}
