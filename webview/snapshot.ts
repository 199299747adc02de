/**
 * The rendered report as static HTML for the host's HTML export (`requestSnapshot` ->
 * `snapshot`): the report's markup with the charts as inline SVG, no scripts and no controls.
 *
 * Format: `<div class="gradient-snapshot THEME-CLASS">` holding a <style> that sets the
 * `--vscode-*` variables the page had (so the export looks like the panel outside VS Code) and
 * the report <article>. Style it with dist/webview.css. Everything is serialized by the browser
 * (`outerHTML`) from a DOM built with textContent, so names from the user's files are escaped;
 * this is the one place that makes the export inert (the host adds no pass of its own).
 */

import { h } from './dom';

/**
 * Elements dropped from the export: interactive only, or able to run, embed or send something.
 * The report's views create none of the latter; this keeps the export inert if one ever does.
 */
const DROP =
  'script, iframe, object, embed, link, meta, base, form, frame, frameset, ' +
  'vscode-button, vscode-progress-bar, .toolbar, .visually-hidden[role="status"]';

/** Attributes that hold a URL a browser may follow or load. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction']);

/** A URL that runs code when followed (browsers ignore whitespace and controls inside the scheme). */
function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^(?:javascript|vbscript|data:text\/html)/i.test(value.replace(/[\u0000-\u0020]/g, ''));
}

/** A CSS value safe to write inside <style>: no markup, no rule breaks. */
function safeCssValue(value: string): boolean {
  return !/[<>{};\\]/.test(value);
}

function themeVariables(): string {
  const names = new Set<string>();
  for (const element of [document.documentElement, document.body]) {
    for (const name of Array.from(element.style)) if (name.startsWith('--vscode-')) names.add(name);
  }
  // Variables from a stylesheet (e.g. a test page) are not enumerable on the element; read the common ones too.
  for (const name of ['--vscode-font-family', '--vscode-font-size', '--vscode-editor-foreground', '--vscode-editor-background', '--vscode-foreground', '--vscode-descriptionForeground', '--vscode-panel-border', '--vscode-focusBorder', '--vscode-charts-red', '--vscode-charts-yellow', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-blue', '--vscode-charts-purple', '--vscode-charts-lines', '--vscode-badge-background', '--vscode-badge-foreground', '--vscode-textLink-foreground', '--vscode-editor-font-family', '--vscode-contrastBorder', '--vscode-textCodeBlock-background', '--vscode-list-hoverBackground', '--vscode-list-activeSelectionBackground', '--vscode-list-activeSelectionForeground']) {
    names.add(name);
  }
  const style = getComputedStyle(document.body);
  const declarations: string[] = [];
  for (const name of [...names].sort()) {
    const value = style.getPropertyValue(name).trim();
    if (value && /^--vscode-[\w-]+$/.test(name) && safeCssValue(value)) declarations.push(`${name}: ${value};`);
  }
  return `.gradient-snapshot { ${declarations.join(' ')} }`;
}

/** A static copy of `report` for the HTML export. */
export function snapshotHtml(report: HTMLElement): string {
  const copy = report.cloneNode(true) as HTMLElement;
  copy.querySelectorAll(DROP).forEach((element) => element.remove());
  // Buttons become their text; badges become spans with the same classes.
  copy.querySelectorAll('button').forEach((element) => {
    const span = h('span', { class: element.className });
    span.append(...Array.from(element.childNodes));
    element.replaceWith(span);
  });
  copy.querySelectorAll('vscode-badge').forEach((element) => {
    const span = h('span', { class: `${element.getAttribute('class') ?? ''} badge`.trim(), title: element.getAttribute('title') ?? undefined });
    span.append(...Array.from(element.childNodes));
    element.replaceWith(span);
  });
  for (const element of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const scriptUrl = URL_ATTRIBUTES.has(name) && isScriptUrl(attribute.value);
      if (name.startsWith('on') || scriptUrl || name === 'nonce' || name === 'tabindex' || name === 'aria-live' || name === 'aria-current') element.removeAttribute(attribute.name);
    }
  }
  const theme = ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light'].find((c) => document.body.classList.contains(c)) ?? 'vscode-dark';
  const wrapper = h('div', { class: `gradient-snapshot ${theme}` });
  const style = document.createElement('style');
  style.textContent = themeVariables();
  wrapper.append(style, copy);
  return wrapper.outerHTML;
}
