// On-call rotas for the demo organisation in examples/, for the fake PagerDuty and Opsgenie: the
// Payments Team's services (PPAYMNT, the Payments Service's PPAYSVC, the Card Processor's PCARDPR)
// share one escalation policy. Tomás Haddad is level 1 for three more hours and Wen Nakamura
// follows him; Amara Mendes is level 2 and Nora Lindqvist level 3, always. The Risk Team's Opsgenie
// team `risk` has Rania Kowalski on its primary schedule. Shift times are relative to `now`.
import type { FakeOpsgenieOptions } from './fake-opsgenie.js';
import type { FakePagerDutyOptions } from './fake-pagerduty.js';

export const DEMO_PAGERDUTY_TOKEN = 'pd-demo-token-u+Xy3pL9';
export const DEMO_OPSGENIE_KEY = 'og-demo-key-5b1e0c77';
/** The payments-team's `pagerduty.com/integration-key` in examples/org/teams.yaml. */
export const PAYMENTS_INTEGRATION_KEY = '3f1c2a9b7d4e4b5a8c6d0e1f2a3b4c5d';

const HOUR = 3600_000;

/** The end of the current level-1 shift: three hours from now, on the hour. */
export function shiftEnd(now: number): Date {
  return new Date(Math.ceil((now + 3 * HOUR) / HOUR) * HOUR);
}

export function demoPagerDuty(now = Date.now()): FakePagerDutyOptions {
  const end = shiftEnd(now);
  const primary = { id: 'PSCHPAY1', name: 'Payments primary' };
  return {
    token: DEMO_PAGERDUTY_TOKEN,
    users: [
      { id: 'PUTOMAS', name: 'Tomás Haddad', email: 'tomas.haddad@example.com' },
      { id: 'PUWEN', name: 'Wen Nakamura', email: 'wen.nakamura@example.com' },
      { id: 'PUAMARA', name: 'Amara Mendes', email: 'amara.mendes@example.com' },
      { id: 'PUNORA', name: 'Nora Lindqvist', email: 'nora.lindqvist@example.com' },
      { id: 'PUFELIX', name: 'Felix Adeyemi', email: 'felix.adeyemi@example.com' },
    ],
    policies: [
      { id: 'PPAYEP', name: 'Payments escalation policy' },
      { id: 'PLDGEP', name: 'Ledger escalation policy' },
      { id: 'PENGEP', name: 'Engineering escalation policy' },
    ],
    services: [
      { id: 'PPAYMNT', name: 'Payments Team', policy: 'PPAYEP', integrationKeys: [PAYMENTS_INTEGRATION_KEY] },
      { id: 'PPAYSVC', name: 'Payments Service', policy: 'PPAYEP' },
      { id: 'PCARDPR', name: 'Card Processor', policy: 'PPAYEP' },
      { id: 'PENG001', name: 'Engineering', policy: 'PENGEP' },
      { id: 'PLEDGER', name: 'Ledger Team', policy: 'PLDGEP', integrationKeys: ['9a8b7c6d5e4f40312a1b2c3d4e5f6a7b'] },
      { id: 'PLEDGSV', name: 'Ledger Service', policy: 'PLDGEP' },
    ],
    oncalls: [
      {
        policy: 'PPAYEP',
        level: 1,
        user: 'PUTOMAS',
        schedule: primary,
        start: new Date(end.getTime() - 12 * HOUR),
        end,
      },
      {
        policy: 'PPAYEP',
        level: 1,
        user: 'PUWEN',
        schedule: primary,
        start: end,
        end: new Date(end.getTime() + 12 * HOUR),
      },
      { policy: 'PPAYEP', level: 2, user: 'PUAMARA' },
      { policy: 'PPAYEP', level: 3, user: 'PUNORA' },
      { policy: 'PLDGEP', level: 1, user: 'PUFELIX' },
      { policy: 'PENGEP', level: 1, user: 'PUNORA' },
    ],
  };
}

export function demoOpsgenie(): FakeOpsgenieOptions {
  return {
    apiKey: DEMO_OPSGENIE_KEY,
    teams: [
      { id: 'og-team-risk', name: 'risk' },
      { id: 'og-team-ops', name: 'operations' },
    ],
    schedules: [
      { id: 'og-sched-risk', name: 'Risk primary', team: 'og-team-risk', onCall: ['rania.kowalski@example.com'] },
      {
        id: 'og-sched-risk-old',
        name: 'Risk (retired)',
        team: 'og-team-risk',
        enabled: false,
        onCall: ['milan.ortiz@example.com'],
      },
      { id: 'og-sched-ops', name: 'Operations', team: 'og-team-ops', onCall: ['nora.lindqvist@example.com'] },
    ],
  };
}
