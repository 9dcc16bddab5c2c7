// GET /metrics beside /slack/events: the figures in Prometheus' text format, for a scraper.
// Nothing in them is secret (counts, durations, sizes); restrict the path at the load balancer
// if the port is reachable from outside.
import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../metrics/metrics.js';

export function metricsRoute(metrics: Metrics): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      metrics.exposition().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType }).end(body);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
        },
      );
    },
  };
}
