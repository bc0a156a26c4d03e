import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPTED_IN_INDEX_PREDICATE } from '@/db/opted-in-index';
import { OPTED_IN } from '@/lib/signatures/consent';

// The schema's partial index for opted-in signers is written in db/ (which imports nothing from
// lib/); the rule it must match is the consent rule in lib/signatures/consent.ts.

test('the opted-in index holds exactly the signers the consent rule lets organisers mail', () => {
  assert.equal(OPTED_IN_INDEX_PREDICATE, OPTED_IN);
});
