// The one options schema (src/core/reports/options.ts): package.json's settings, the CLI's flags
// and the report builders all read it, so a default or a range is written once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CALIBRATION_OPTIONS,
  CUSUM_OPTIONS,
  DRIFT_OPTIONS,
  OPTION_SCHEMA,
  describeValid,
  isValidOption,
  parseOptionText,
  parseRoles,
  resolveDriftOptions,
  resolveOptions,
  type OptionSpec,
} from '../../src/core/reports/options';
import { configuration, EDITOR_SETTINGS, settingProperty } from '../../scripts/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

test("package.json's contributes.configuration declares exactly the schema's settings, with its defaults, ranges and sentences", () => {
  const declared = new Map<string, Record<string, unknown>>();
  for (const section of manifest.contributes.configuration) {
    for (const [key, property] of Object.entries(section.properties as Record<string, Record<string, unknown>>)) declared.set(key, property);
  }
  const expected = new Map<string, Record<string, unknown>>();
  for (const group of Object.values(OPTION_SCHEMA)) {
    for (const spec of Object.values(group) as OptionSpec[]) if (spec.setting) expected.set(`gradient.${spec.setting}`, settingProperty(spec));
  }
  for (const section of EDITOR_SETTINGS) for (const [key, property] of Object.entries(section.properties)) expected.set(key, property);
  const fix = 'run "npm run settings" to write package.json from src/core/reports/options.ts';
  assert.deepEqual([...declared.keys()].sort(), [...expected.keys()].sort(), fix);
  for (const [key, property] of declared) {
    const { order, ...rest } = property;
    assert.equal(typeof order, 'number', `${key} has an order`);
    assert.deepEqual(rest, expected.get(key), `${key}: ${fix}`);
  }
  assert.deepEqual(manifest.contributes.configuration, configuration(), fix);
});

test("every default is valid under its own range, and the seed's numbers are the defaults", () => {
  for (const group of Object.values(OPTION_SCHEMA)) {
    for (const [key, spec] of Object.entries(group) as [string, OptionSpec][]) {
      if (spec.default !== null) assert.ok(isValidOption(spec, spec.default), `${key} default ${JSON.stringify(spec.default)}`);
      assert.ok(spec.description.length > 20 && /[.)]$/.test(spec.description), `${key} has one sentence`);
    }
  }
  assert.equal(DRIFT_OPTIONS.psiWarning.default, 0.1);
  assert.equal(DRIFT_OPTIONS.psiDrift.default, 0.25);
  assert.equal(DRIFT_OPTIONS.alpha.default, 0.01);
  assert.equal(DRIFT_OPTIONS.extremeSigmas.default, 4);
  assert.equal(DRIFT_OPTIONS.missingBudget.default, 0.05);
  assert.equal(CALIBRATION_OPTIONS.tolerance.default, 0.05);
  assert.equal(CUSUM_OPTIONS.k.default, 0.5);
  assert.equal(CUSUM_OPTIONS.warmup.default, 30);
});

test('describeValid words every kind of range the same way for the CLI and the Settings editor', () => {
  assert.equal(describeValid(DRIFT_OPTIONS.alpha), 'a number greater than 0 and less than 1');
  assert.equal(describeValid(DRIFT_OPTIONS.psiBins), 'a whole number from 2 to 1000');
  assert.equal(describeValid(DRIFT_OPTIONS.psiStrategy), 'quantile, uniform or sturges');
  assert.equal(describeValid(CUSUM_OPTIONS.h), 'a number greater than 0 and at most 1000');
  assert.equal(describeValid(CUSUM_OPTIONS.target), 'a number');
});

test('resolveOptions fills defaults, keeps given values and names the option it refuses', () => {
  const options = resolveOptions('drift', DRIFT_OPTIONS, { alpha: 0.05, psiBins: null });
  assert.equal(options.alpha, 0.05);
  assert.equal(options.psiBins, 10);
  assert.deepEqual(options.columnRoles, {});
  assert.throws(() => resolveOptions('drift', DRIFT_OPTIONS, { alpha: 2 }), { name: 'RangeError', message: 'drift report: alpha must be a number greater than 0 and less than 1 (got 2)' });
  assert.throws(() => resolveOptions('drift', DRIFT_OPTIONS, { psiBins: 2.5 }), /psiBins must be a whole number from 2 to 1000/);
  assert.throws(() => resolveOptions('drift', DRIFT_OPTIONS, { bogus: 1 } as never), /unknown option "bogus"/);
  assert.throws(() => resolveDriftOptions({ psiWarning: 0.3 }), /psiDrift \(0.25\) must be at least psiWarning \(0.3\)/);
  assert.equal(resolveOptions('cusum', CUSUM_OPTIONS, {}).h, null);
});

test('parseOptionText reads decimal text and choices; parseRoles reads name=role pairs', () => {
  assert.deepEqual(parseOptionText(DRIFT_OPTIONS.psiBins, '20'), { value: 20 });
  assert.deepEqual(parseOptionText(DRIFT_OPTIONS.alpha, '1e-3'), { value: 0.001 });
  assert.deepEqual(parseOptionText(DRIFT_OPTIONS.psiBins, '1.5'), { expected: 'a whole number from 2 to 1000' });
  assert.deepEqual(parseOptionText(DRIFT_OPTIONS.alpha, '0x1'), { expected: 'a number greater than 0 and less than 1' });
  assert.deepEqual(parseOptionText(DRIFT_OPTIONS.correction, 'bh'), { value: 'bh' });
  assert.deepEqual(parseRoles(['user_id=feature', 'ts = time', 'a=b=label']), { roles: { user_id: 'feature', ts: 'time', 'a=b': 'label' } });
  assert.equal('bad' in parseRoles(['user_id']), true);
  assert.equal('bad' in parseRoles(['user_id=key']), true);
  assert.equal(isValidOption(DRIFT_OPTIONS.columnRoles, { x: 'identifier' }), true);
  assert.equal(isValidOption(DRIFT_OPTIONS.columnRoles, { x: 'id' }), false);
  assert.equal(isValidOption(DRIFT_OPTIONS.columnRoles, ['x']), false);
});
