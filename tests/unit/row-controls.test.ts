import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveItem } from '@/components/dashboard/row-controls';

test('moving a row up or down swaps it with its neighbour and leaves the list it was given as it was', () => {
  const demands = ['a', 'b', 'c'];
  assert.deepEqual(moveItem(demands, 1, -1), ['b', 'a', 'c']);
  assert.deepEqual(moveItem(demands, 1, 1), ['a', 'c', 'b']);
  assert.deepEqual(moveItem(demands, 0, 1), ['b', 'a', 'c']);
  assert.deepEqual(moveItem(demands, 2, -1), ['a', 'c', 'b']);
  assert.deepEqual(demands, ['a', 'b', 'c']);
});
