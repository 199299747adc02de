/**
 * `npm run settings`: writes package.json's `contributes.configuration` from the one options
 * schema (src/core/reports/options.ts), so the Settings editor shows exactly the defaults, ranges
 * and sentences the CLI and the reports use. test/unit/options.test.ts fails until this is run
 * after a change to the schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMN_ROLES, OPTION_SCHEMA, type OptionSpec } from '../src/core/reports/options';
import { REVIEW_RULE_IDS, REVIEW_RULES } from '../src/core/review/types';

const TITLES: Record<keyof typeof OPTION_SCHEMA, string> = { drift: 'Drift', calibration: 'Calibration', cusum: 'Concept drift (CUSUM)', data: 'Data files' };

/** The JSON-schema property VS Code shows for one option. */
export function settingProperty(spec: OptionSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'choice':
      return { type: 'string', default: spec.default, enum: spec.choices.map((c) => c.value), enumDescriptions: spec.choices.map((c) => c.description), markdownDescription: spec.description };
    case 'roles':
      return { type: 'object', default: spec.default, additionalProperties: { type: 'string', enum: [...COLUMN_ROLES] }, markdownDescription: spec.description };
    case 'character':
      return { type: ['string', 'null'], default: null, maxLength: 1, markdownDescription: spec.description };
    default: {
      const property: Record<string, unknown> = { type: spec.type, default: spec.default };
      for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) if (spec[key] !== undefined) property[key] = spec[key];
      property.markdownDescription = spec.description;
      return property;
    }
  }
}

/**
 * Settings only the editor reads (no report option), in sections after the report sections.
 * `readiness.pythonPath` runs a program, so Restricted Mode ignores a workspace's value of it
 * (package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`); the code review
 * reads code without running it, so its settings apply in Restricted Mode too.
 * `database.connection` points GRADIENT at a server: a workspace's value is ignored in Restricted
 * Mode too, so an untrusted folder cannot send queries to a database the user can log in to.
 */
export const EDITOR_SETTINGS: readonly { title: string; properties: Record<string, Record<string, unknown>> }[] = [
  {
    title: 'Readiness',
    properties: {
      'gradient.readiness.pythonPath': {
        type: 'string',
        default: '',
        scope: 'resource',
        markdownDescription:
          'Python interpreter that runs the readiness tests (pytest), such as `${workspaceFolder}/.venv/bin/python`. Empty: the Python extension\'s active interpreter when it is installed, else `python3`.',
      },
      'gradient.readiness.notApplicable': {
        type: 'array',
        default: [],
        items: { type: 'string', pattern: '^[a-z0-9-]+/([a-z0-9-]+|\\*)$' },
        scope: 'resource',
        markdownDescription:
          'Checklist items that do not apply to this project (no A/B test for an internal batch model, ...), by id (`mlops/ab-test-configured`) or by pattern file (`mlops/*`): shown as not applicable, counted neither for nor against readiness. The CLI\'s `--not-applicable`.',
      },
    },
  },
  {
    title: 'Database',
    properties: {
      'gradient.database.connection': {
        type: 'string',
        default: '',
        scope: 'resource',
        markdownDescription:
          "The PostgreSQL server a drift report runs `.sql` files on: `postgresql://user@host:5432/dbname`. Put no password here: GRADIENT asks for it once and keeps it in VS Code's secret storage (or set `PGPASSWORD`, `PGSERVICE` or `~/.pgpass` for VS Code). Only aggregates leave the server: counts, quantiles and a few hundred chart points per column, never rows.",
      },
    },
  },
  {
    title: 'Code review',
    properties: {
      'gradient.review.enabled': {
        type: 'boolean',
        default: true,
        scope: 'resource',
        markdownDescription:
          'Review open Python files and Jupyter notebooks as you type for ML mistakes (leakage, evaluation on training data, tuning on the test split, missing seeds, serving without fallback): diagnostics with quick fixes. The code is read, never run, so the review works in Restricted Mode too.',
      },
      'gradient.review.disabledRules': {
        type: 'array',
        default: [],
        items: { type: 'string', enum: [...REVIEW_RULE_IDS], enumDescriptions: REVIEW_RULES.map((rule) => rule.title) },
        uniqueItems: true,
        scope: 'resource',
        markdownDescription:
          'Rules the review skips in every file. To silence a rule on one line only, end the line with `# gradient: ignore[rule-id]`.',
      },
      'gradient.review.debounceMs': {
        type: 'integer',
        default: 400,
        minimum: 0,
        maximum: 10000,
        markdownDescription: 'Milliseconds without typing before an edited file is reviewed again.',
      },
    },
  },
];

/** `contributes.configuration`: one section per report, its settings in schema order, then the editor's own. */
export function configuration(): unknown[] {
  const reports = (Object.keys(OPTION_SCHEMA) as (keyof typeof OPTION_SCHEMA)[]).map((group, index) => {
    const properties: Record<string, unknown> = {};
    let order = 1;
    for (const spec of Object.values(OPTION_SCHEMA[group]) as OptionSpec[]) {
      if (spec.setting) properties[`gradient.${spec.setting}`] = { ...settingProperty(spec), order: order++ };
    }
    return { title: TITLES[group], order: index + 1, properties };
  });
  const editor = EDITOR_SETTINGS.map((section, index) => {
    let order = 1;
    const properties = Object.fromEntries(Object.entries(section.properties).map(([key, property]) => [key, { ...property, order: order++ }]));
    return { title: section.title, order: reports.length + index + 1, properties };
  });
  return [...reports, ...editor];
}

if (require.main === module) {
  const path = join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.contributes.configuration = configuration();
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: ${Object.keys(OPTION_SCHEMA).length} settings sections written from src/core/reports/options.ts`);
}
