import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SNAPSHOT_LENGTH, parseWebviewMessage } from '../../src/webviewMessages';

function parse(value: unknown): { message: unknown; reasons: string[] } {
  const reasons: string[] = [];
  return { message: parseWebviewMessage(value, (reason) => reasons.push(reason)), reasons };
}

test('accepts every exact message shape and returns a fresh copy', () => {
  const valid = [
    { type: 'ready' },
    { type: 'rerun' },
    { type: 'openReport' },
    { type: 'assessStage' },
    { type: 'newDriftReport' },
    { type: 'export', format: 'html' },
    { type: 'export', format: 'json' },
    { type: 'export', format: 'markdown' },
    { type: 'snapshot', requestId: 0, html: '' },
    { type: 'snapshot', requestId: 7, html: '<svg><rect/></svg>' },
  ];
  for (const value of valid) {
    const { message, reasons } = parse(value);
    assert.deepEqual(message, value);
    assert.notEqual(message, value);
    assert.deepEqual(reasons, []);
  }
});

test('rejects non-objects and unknown types, with a reason', () => {
  for (const value of [undefined, null, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 'READY' }, { type: 'report' }, { type: 'toString' }, { type: '__proto__' }, { type: 3 }]) {
    const { message, reasons } = parse(value);
    assert.equal(message, undefined, JSON.stringify(value));
    assert.equal(reasons.length, 1);
  }
});

test('rejects extra fields: the webview never names a file path', () => {
  for (const value of [
    { type: 'rerun', path: '/etc/passwd' },
    { type: 'export', format: 'json', path: '/home/user/train.csv' },
    { type: 'ready', extra: true },
    { type: 'snapshot', requestId: 1, html: '', file: 'x' },
  ]) {
    const { message, reasons } = parse(value);
    assert.equal(message, undefined, JSON.stringify(value));
    assert.match(reasons[0], /unexpected field/);
  }
});

test('rejects malformed fields: wrong types, enum values, request ids', () => {
  for (const value of [
    { type: 'export' },
    { type: 'export', format: 'pdf' },
    { type: 'export', format: 'HTML' },
    { type: 'export', format: ['json'] },
    { type: 'snapshot', html: '' },
    { type: 'snapshot', requestId: 1 },
    { type: 'snapshot', requestId: -1, html: '' },
    { type: 'snapshot', requestId: 1.5, html: '' },
    { type: 'snapshot', requestId: '1', html: '' },
    { type: 'snapshot', requestId: Number.MAX_SAFE_INTEGER + 1, html: '' },
    { type: 'snapshot', requestId: 1, html: 42 },
    { type: 'snapshot', requestId: 1, html: null },
  ]) {
    const { message, reasons } = parse(value);
    assert.equal(message, undefined, JSON.stringify(value));
    assert.match(reasons[0], /missing or invalid/);
  }
});

test('rejects a snapshot over the size limit without quoting it', () => {
  assert.ok(parse({ type: 'snapshot', requestId: 1, html: 'x'.repeat(MAX_SNAPSHOT_LENGTH) }).message);
  const { message, reasons } = parse({ type: 'snapshot', requestId: 1, html: 'x'.repeat(MAX_SNAPSHOT_LENGTH + 1) });
  assert.equal(message, undefined);
  assert.ok(reasons[0].length < 200);
  assert.match(reasons[0], /limit/);
});

test('rejects objects that are not plain (class instances), and ignores inherited fields', () => {
  class Message {
    type = 'ready';
  }
  assert.equal(parse(new Message()).message, undefined);
  const inherited = Object.create({ format: 'json' }) as Record<string, unknown>;
  inherited.type = 'export';
  assert.equal(parse(inherited).message, undefined);
});
