/**
 * The HTML export's page: a report panel's snapshot (`webview/snapshot.ts`) made standalone, with
 * inline CSS, the theme's `--vscode-*` variables given values, and a CSP that allows no script
 * and no network. No `vscode` import, so the unit tests build pages directly.
 */
import { escapeHtml } from './webviewHtml';

/** Light and dark values for the VS Code theme variables a webview's CSS may use. */
const THEME_COLORS: Record<string, readonly [string, string]> = {
  'foreground': ['#3b3b3b', '#cccccc'],
  'editor-foreground': ['#3b3b3b', '#cccccc'],
  'editor-background': ['#ffffff', '#1f1f1f'],
  'sideBar-background': ['#f8f8f8', '#181818'],
  'panel-background': ['#f8f8f8', '#181818'],
  'descriptionForeground': ['#717171', '#9d9d9d'],
  'disabledForeground': ['#9d9d9d', '#6e6e6e'],
  'errorForeground': ['#a1260d', '#f48771'],
  'textLink-foreground': ['#005fb8', '#4daafc'],
  'textLink-activeForeground': ['#005fb8', '#4daafc'],
  'focusBorder': ['#005fb8', '#0078d4'],
  'contrastBorder': ['transparent', 'transparent'],
  'panel-border': ['#e5e5e5', '#2b2b2b'],
  'widget-border': ['#e5e5e5', '#313131'],
  'editorWidget-border': ['#c8c8c8', '#454545'],
  'editorGroup-border': ['#e5e5e5', '#2b2b2b'],
  'tree-tableColumnsBorder': ['#61616120', '#cccccc20'],
  'tree-tableOddRowsBackground': ['#0f0f0f0a', '#cccccc0a'],
  'charts-foreground': ['#616161', '#cccccc'],
  'charts-lines': ['#61616180', '#cccccc80'],
  'charts-red': ['#e51400', '#f14c4c'],
  'charts-blue': ['#1a85ff', '#3794ff'],
  'charts-yellow': ['#bf8803', '#cca700'],
  'charts-orange': ['#d18616', '#d18616'],
  'charts-green': ['#388a34', '#89d185'],
  'charts-purple': ['#652d90', '#b180d7'],
  'testing-iconPassed': ['#388a34', '#73c991'],
  'testing-iconFailed': ['#e51400', '#f14c4c'],
  'editorError-foreground': ['#e51400', '#f14c4c'],
  'editorWarning-foreground': ['#bf8803', '#cca700'],
  'editorInfo-foreground': ['#1a85ff', '#3794ff'],
  'problemsErrorIcon-foreground': ['#e51400', '#f14c4c'],
  'problemsWarningIcon-foreground': ['#bf8803', '#cca700'],
  'badge-background': ['#cccccc', '#616161'],
  'badge-foreground': ['#3b3b3b', '#f8f8f8'],
  'button-background': ['#005fb8', '#0078d4'],
  'button-foreground': ['#ffffff', '#ffffff'],
  'button-secondaryBackground': ['#e5e5e5', '#313131'],
  'button-secondaryForeground': ['#3b3b3b', '#cccccc'],
  'list-hoverBackground': ['#f2f2f2', '#2a2d2e'],
  'input-background': ['#ffffff', '#313131'],
  'input-foreground': ['#3b3b3b', '#cccccc'],
  'input-border': ['#cecece', '#3c3c3c'],
  'textCodeBlock-background': ['#f2f2f2', '#2b2b2b'],
  'textBlockQuote-background': ['#f2f2f2', '#2b2b2b'],
  'textPreformat-foreground': ['#3b3b3b', '#d0d0d0'],
  'editorHoverWidget-background': ['#f8f8f8', '#202020'],
};
const FONTS: Record<string, string> = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': 'ui-monospace, "SF Mono", Menlo, Consolas, "Droid Sans Mono", monospace',
  'editor-font-size': '13px',
  'editor-font-weight': 'normal',
};

/** `--vscode-*` variables for a page outside VS Code: every name the CSS or markup uses gets a value. */
function themeVariables(used: ReadonlySet<string>, dark: boolean): string {
  const names = new Set([...Object.keys(THEME_COLORS), ...Object.keys(FONTS), ...used]);
  const lines: string[] = [];
  for (const name of names) {
    let value = FONTS[name] ?? THEME_COLORS[name]?.[dark ? 1 : 0];
    if (value === undefined) {
      const lower = name.toLowerCase();
      const [fg, bg, border] = dark ? ['#cccccc', '#1f1f1f', '#2b2b2b'] : ['#3b3b3b', '#ffffff', '#e5e5e5'];
      value = lower.includes('background') ? bg : lower.includes('border') ? border : lower.includes('font') ? 'inherit' : fg;
    }
    lines.push(`--vscode-${name}: ${value};`);
  }
  return lines.join(' ');
}

/**
 * A report's rendered snapshot as a standalone page: inline CSS, no script. The page takes the
 * theme the panel had (the snapshot's `vscode-dark` / `vscode-light` class), or else the viewer's.
 *
 * The snapshot goes in as it is. It is inert when it arrives: the webview serializes a DOM built
 * with textContent and setAttribute (no `on*` attribute can be set there), after removing
 * scripts, embedding and form elements, `on*` attributes and script URLs from that DOM
 * (`webview/snapshot.ts`), so names from the user's files are escaped by the browser. A pass of
 * regular expressions over that HTML knows nothing of tags and quotes: it deleted legitimate text
 * (`click onboarding="done"`) and, by deleting across a quote, turned escaped names into live
 * attributes. Whatever else it holds, the page's CSP (`default-src 'none'`) runs no script and
 * loads nothing.
 */
export function standaloneHtml(snapshot: string, css: string, title: string, generator: string): string {
  const body = snapshot;
  const used = new Set([...`${css}\n${body}`.matchAll(/--vscode-([\w-]+)/g)].map((m) => m[1]));
  const theme = /class="gradient-snapshot\s+(vscode-[\w-]+)/.exec(body)?.[1];
  const dark = theme === 'vscode-dark' || theme === 'vscode-high-contrast';
  const variables =
    theme === undefined
      ? `:root { color-scheme: light dark; ${themeVariables(used, false)} }\n@media (prefers-color-scheme: dark) { :root { ${themeVariables(used, true)} } }`
      : `:root { color-scheme: ${dark ? 'dark' : 'light'}; ${themeVariables(used, dark)} }`;
  const safeCss = css.replace(/<\/style/gi, '<\\/style').replace(/@import[^;]*;/g, '').replace(/url\(\s*(['"]?)(?!data:)[^)]*\1\s*\)/g, 'none');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="${escapeHtml(generator)}">
<title>${escapeHtml(title)}</title>
<style>
${variables}
html, body { background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px; }
</style>
<style>
${safeCss}
</style>
</head>
<body class="gradient-export${theme ? ` ${theme}` : ''}">
${body}
</body>
</html>
`;
}
