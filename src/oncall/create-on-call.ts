// The on-call providers Callboard knows, built from its settings. A third provider is a file
// beside pagerduty.ts and opsgenie.ts, and one line here.
import type { Logger } from '../log.js';
import { OnCallDirectory, type OnCallDirectoryOptions } from './on-call-directory.js';
import { OpsgenieProvider } from './opsgenie.js';
import { PagerDutyProvider } from './pagerduty.js';
import { PagerDutyEvents } from './pagerduty-events.js';
import type { OnCallSettings } from './settings.js';

export interface OnCall {
  directory: OnCallDirectory;
  pager: PagerDutyEvents;
}

export function createOnCall(
  settings: OnCallSettings,
  logger: Logger,
  options: Partial<OnCallDirectoryOptions> = {},
): OnCall {
  const providers = [new PagerDutyProvider(settings.pagerduty), new OpsgenieProvider(settings.opsgenie)];
  return {
    directory: new OnCallDirectory({ providers, logger: logger.child({ component: 'oncall' }), ...options }),
    pager: new PagerDutyEvents(settings.pagerduty.eventsUrl),
  };
}
