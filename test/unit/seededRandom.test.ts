import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../src/core/stats/seededRandom';

test('seededRandom is deterministic for a seed', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  for (let i = 0; i < 100; i++) assert.equal(a(), b());
});

test('seededRandom gives different streams for different seeds', () => {
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
});

test('seededRandom draws lie in [0, 1) and average about one half', () => {
  const random = seededRandom(7);
  let total = 0;
  for (let i = 0; i < 100000; i++) {
    const u = random();
    assert.ok(u >= 0 && u < 1);
    total += u;
  }
  assert.ok(Math.abs(total / 100000 - 0.5) < 0.01);
});

test('seededRandom(0) starts with the documented value', () => {
  assert.equal(seededRandom(0)(), 0.26642920868471265);
});
