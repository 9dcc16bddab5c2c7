// The "Page on-call" button on /owner and /oncall answers. Its value is the entity asked about;
// the integration key is looked up again when the modal is submitted, so it never leaves Callboard.
import { button } from '../../src/slack/index.js';

export const PAGE_ACTION = 'oncall.page';

export function pageButton(ref: string): ReturnType<typeof button> {
  return button('Page on-call', PAGE_ACTION, ref, 'danger');
}
