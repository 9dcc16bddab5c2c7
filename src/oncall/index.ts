export { createOnCall, type OnCall } from './create-on-call.js';
export { OnCallDirectory, ON_CALL_BUDGET_MS } from './on-call-directory.js';
export type { AnnotatedEntity, OnCallAnswer, OnCallState } from './on-call-directory.js';
export { PagerDutyEvents, SUMMARY_CHARS, type PageRequest, type PageResult, type Urgency } from './pagerduty-events.js';
export type { OnCallSettings } from './settings.js';
export type { OnCallPerson, OnCallProvider, OnCallRoster, OnCallShift, OnCallTarget } from './types.js';
