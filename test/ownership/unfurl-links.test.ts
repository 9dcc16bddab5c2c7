// Which links an unfurl answers: a Backstage entity page or a PagerDuty service page on a domain
// UNFURL_DOMAINS lists; anything else names nothing, so it is never given a card.
import { describe, expect, it } from 'vitest';
import { unfurlTarget } from '../../src/ownership/unfurl-links.js';

const DOMAINS = ['backstage.acme.com', 'acme.pagerduty.com'];

describe('unfurlTarget', () => {
  it('reads a Backstage entity page, under a base path or with a tab after it', () => {
    expect(unfurlTarget('https://backstage.acme.com/catalog/default/component/payments', DOMAINS)).toEqual({
      kind: 'entity',
      ref: 'component:default/payments',
    });
    expect(
      unfurlTarget('https://backstage.acme.com/portal/catalog/Ops/Group/Payments-Team/docs?x=1#a', DOMAINS),
    ).toEqual({
      kind: 'entity',
      ref: 'group:ops/payments-team',
    });
  });

  it('reads a PagerDuty service page in the service directory or the older /services path', () => {
    expect(unfurlTarget('https://acme.pagerduty.com/service-directory/PPAYSVC', DOMAINS)).toEqual({
      kind: 'pagerduty-service',
      serviceId: 'PPAYSVC',
    });
    expect(unfurlTarget('https://acme.pagerduty.com/services/PCARDPR/integrations', DOMAINS)).toMatchObject({
      serviceId: 'PCARDPR',
    });
  });

  it('names nothing for other domains, other pages, unknown kinds or bad names', () => {
    for (const url of [
      'https://github.com/kestrel-pay/payments',
      'https://backstage.other.com/catalog/default/component/payments',
      'https://notbackstage.acme.com.evil.io/catalog/default/component/payments',
      'https://backstage.acme.com/docs/default/component/payments',
      'https://backstage.acme.com/catalog/default/widget/payments',
      'https://backstage.acme.com/catalog/default/component/-bad-',
      'https://backstage.acme.com/catalog/default/component/%E0%A4%A',
      'https://acme.pagerduty.com/incidents/Q1W2E3',
      'ftp://backstage.acme.com/catalog/default/component/payments',
      'not a url',
    ])
      expect(unfurlTarget(url, DOMAINS), url).toBeUndefined();
  });
});
