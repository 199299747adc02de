/**
 * Chart colors from VS Code's theme. Plot writes colors as SVG attributes, which cannot hold
 * `var(--vscode-...)`, so the values are read with getComputedStyle and the charts are drawn
 * again when the theme changes: VS Code sets the variables on <html> and a theme class
 * (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`) on <body>.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Palette {
  readonly kind: ThemeKind;
  /** High contrast themes: outline marks, do not rely on fills. */
  readonly highContrast: boolean;
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly border: string;
  readonly grid: string;
  readonly focus: string;
  readonly red: string;
  readonly yellow: string;
  readonly orange: string;
  readonly green: string;
  readonly blue: string;
  readonly purple: string;
  /** The reference sample's color in every two-sample chart, and the current sample's. */
  readonly reference: string;
  readonly current: string;
}

function themeKind(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-light')) return 'light';
  return 'dark';
}

/** Dark Modern's values, used only where a variable is missing (e.g. outside VS Code). */
const FALLBACK: Record<string, string> = {
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
};

export function readPalette(): Palette {
  const body = document.body;
  const style = getComputedStyle(body);
  const read = (name: string, ...alternatives: string[]): string => {
    for (const candidate of [name, ...alternatives]) {
      const value = style.getPropertyValue(candidate).trim();
      if (value) return value;
    }
    return FALLBACK[name] ?? '#888888';
  };
  const kind = themeKind(body);
  const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const foreground = read('--vscode-editor-foreground', '--vscode-foreground');
  const blue = read('--vscode-charts-blue');
  const orange = read('--vscode-charts-orange');
  return {
    kind,
    highContrast,
    foreground,
    muted: read('--vscode-descriptionForeground'),
    background: read('--vscode-editor-background'),
    border: read('--vscode-panel-border', '--vscode-widget-border'),
    grid: read('--vscode-charts-lines'),
    focus: read('--vscode-focusBorder'),
    red: read('--vscode-charts-red'),
    yellow: read('--vscode-charts-yellow'),
    orange,
    green: read('--vscode-charts-green'),
    blue,
    purple: read('--vscode-charts-purple'),
    reference: blue,
    current: orange,
  };
}

export function samePalette(a: Palette, b: Palette): boolean {
  return (Object.keys(a) as (keyof Palette)[]).every((key) => a[key] === b[key]);
}

/**
 * Calls `onChange` with the new palette after VS Code changes the theme (the body's class or the
 * variables on <html>), at most once per frame. Returns the function that stops observing.
 */
export function observeTheme(initial: Palette, onChange: (palette: Palette) => void): () => void {
  let current = initial;
  let scheduled = 0;
  const check = () => {
    scheduled = 0;
    const next = readPalette();
    if (samePalette(current, next)) return;
    current = next;
    onChange(next);
  };
  const observer = new MutationObserver(() => {
    if (scheduled === 0) scheduled = requestAnimationFrame(check);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => {
    observer.disconnect();
    if (scheduled !== 0) cancelAnimationFrame(scheduled);
  };
}
