// `npm run demo:oncall`: the fake PagerDuty and Opsgenie with the demo organisation's rotas, on
// fixed local ports, to try live on-call without an account (README: "Try live on-call").
// Prints the settings to start Callboard with; stops on Ctrl-C.
import { DEMO_OPSGENIE_KEY, DEMO_PAGERDUTY_TOKEN, demoOpsgenie, demoPagerDuty } from './demo-on-call.js';
import { FakeOpsgenie } from './fake-opsgenie.js';
import { FakePagerDuty } from './fake-pagerduty.js';

const pagerduty = await FakePagerDuty.start(demoPagerDuty());
const opsgenie = await FakeOpsgenie.start(demoOpsgenie());
console.log('Fake PagerDuty and Opsgenie for the demo organisation are running. Start Callboard with:\n');
console.log(
  `  PAGERDUTY_TOKEN=${DEMO_PAGERDUTY_TOKEN} PAGERDUTY_API_URL=${pagerduty.url} \\\n` +
    `  PAGERDUTY_EVENTS_URL=${pagerduty.url} \\`,
);
console.log(`  OPSGENIE_API_KEY=${DEMO_OPSGENIE_KEY} OPSGENIE_API_URL=${opsgenie.url} npm start\n`);
console.log('then: node bin/callboard.js ask "/owner payments"   (Ctrl-C here stops the fakes)');
process.on('SIGINT', () => {
  void Promise.all([pagerduty.close(), opsgenie.close()]).then(() => process.exit(0));
});
