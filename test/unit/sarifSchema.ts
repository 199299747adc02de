// The SARIF 2.1.0 schema (test/fixtures/sarif/, see its README for the source) as a validator,
// shared by the renderer's tests and the CLI's. Formats are checked, not ignored: a path that is
// not a URI reference (a raw space, a backslash) fails like a wrong level does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const schema = JSON.parse(readFileSync(join(__dirname, '../fixtures/sarif/sarif-2.1.0.json'), 'utf8'));

/** RFC 3986 URI-reference characters: unreserved, reserved and percent-encodings, nothing else. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

// strict: false, because the schema is OASIS's text, not ours to make ajv-strict (it lists
// `required` properties inside `anyOf` branches that define none, which strict mode refuses).
const ajv = new Ajv2020({
  allErrors: true,
  strict: false,
  formats: {
    uri: (text: string) => URI_REFERENCE.test(text) && URL.canParse(text),
    'uri-reference': (text: string) => URI_REFERENCE.test(text),
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i,
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  },
});
const validate = ajv.compile(schema);

/** Every `region` object in a SARIF log (errata01 requires a startLine, charOffset or byteOffset; this schema copy does not). */
function regions(value: unknown, path = '', out: { path: string; region: Record<string, unknown> }[] = []): typeof out {
  if (Array.isArray(value)) value.forEach((item, i) => regions(item, `${path}/${i}`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'region' || key === 'deletedRegion') && typeof child === 'object' && child !== null) out.push({ path: `${path}/${key}`, region: child as Record<string, unknown> });
      regions(child, `${path}/${key}`, out);
    }
  }
  return out;
}

/** The schema's complaints about `log` (empty when it is valid SARIF 2.1.0), one line each. */
export function sarifErrors(log: unknown): string[] {
  const errors = validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
  for (const { path, region } of regions(log)) {
    if (!['startLine', 'charOffset', 'byteOffset'].some((key) => key in region)) errors.push(`${path} names no startLine, charOffset or byteOffset`);
  }
  return errors;
}
