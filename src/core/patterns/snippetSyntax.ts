/**
 * The small part of VS Code's snippet grammar that pattern files use: `${N:default}` placeholders
 * and `\$` for a literal dollar sign. Anything else that starts with `$` is rejected at build time,
 * because VS Code would silently turn it into a variable or a tab stop.
 * Grammar: https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar
 */
import type { Placeholder } from './catalog';

const PLACEHOLDER = /\$\{(\d+):([^}$\\]*)\}/g;
/** The identifier assigned just before a placeholder: `NAME = "`, `NAME: `, `key: `. */
const ASSIGNED_NAME = /([A-Za-z_][\w.-]*)\s*(?::\s*[\w[\], .]*?)?\s*[:=]\s*["']?$/;

/** Finds the placeholders in a snippet body and checks that no other `$` syntax is used. */
export function parsePlaceholders(body: string): { placeholders: Placeholder[]; problems: string[] } {
  const placeholders: Placeholder[] = [];
  const problems: string[] = [];
  const lines = body.split('\n');
  lines.forEach((line, lineIndex) => {
    for (const match of line.matchAll(PLACEHOLDER)) {
      const before = line.slice(0, match.index);
      const name = ASSIGNED_NAME.exec(before)?.[1] ?? null;
      placeholders.push({ index: Number(match[1]), default: match[2], name });
    }
    const rest = line.replace(PLACEHOLDER, '').replace(/\\\$/g, '');
    const stray = rest.indexOf('$');
    if (stray >= 0) {
      problems.push(
        `line ${lineIndex + 1}: "$" at column ${stray + 1} is not a \${N:default} placeholder; write \\$ for a literal dollar sign`,
      );
    }
  });
  return { placeholders, problems };
}

/** Replaces placeholder defaults by index (`{ "1": "20" }`), keeping the tab stops. */
export function withDefaults(body: string, defaults: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (whole, index: string) =>
    index in defaults ? `\${${index}:${defaults[index]}}` : whole,
  );
}

/** The plain text a user gets after accepting every default: placeholders filled, escapes removed. */
export function renderDefaults(body: string): string {
  return body.replace(PLACEHOLDER, (_whole, _index, value: string) => value).replace(/\\\$/g, '$');
}
