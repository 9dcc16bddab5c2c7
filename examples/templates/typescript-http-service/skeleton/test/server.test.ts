import { test } from 'node:test';
import assert from 'node:assert/strict';

test('{{values.name}} has a name', () => {
  assert.equal({{json values.name}}.length > 0, true);
});
