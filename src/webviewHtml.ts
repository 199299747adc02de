/**
 * The HTML of every GRADIENT webview (report panels and the side-bar view): a strict CSP whose only
 * script is `dist/webview.js` by a fresh nonce, the stylesheet `dist/webview.css`, and the initial
 * state as HTML-escaped JSON in a `data-*` attribute of `<body>`: no inline script, no command URIs.
 *
 * Uses `vscode` for types only, so the unit tests can build pages without an extension host.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { INITIAL_STATE_ATTRIBUTE, type InitialState } from './protocol';

/** What the builder needs of a `vscode.Webview`. */
export interface WebviewLike {
  readonly cspSource: string;
  asWebviewUri(uri: vscode.Uri): { toString(): string };
}

/** The extension's bundles, as local files (`extensionUri/dist/...`). */
export interface WebviewAssets {
  readonly script: vscode.Uri;
  readonly style: vscode.Uri;
}

/** A fresh nonce per render: 128 random bits, base64 (the CSP's `base64-value`). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Text safe inside an HTML attribute value or element content: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The Content-Security-Policy of a page whose script and style carry `nonce`. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return (
    `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'nonce-${nonce}'; ` +
    `font-src ${cspSource}; script-src 'nonce-${nonce}';`
  );
}

/**
 * The webview options every GRADIENT webview uses: scripts on (the one nonce'd bundle), no command
 * URIs, and only the extension's `dist/` and `media/` folders readable.
 */
export function webviewOptions(roots: { readonly dist: vscode.Uri; readonly media: vscode.Uri }): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [roots.dist, roots.media] };
}

/**
 * The page: `<body data-nonce data-gradient-state>` with the state, one `<script nonce src>` and one
 * `<link>`. A new nonce each call (pass `nonce` only in tests).
 *
 * @example
 * buildWebviewHtml(panel.webview, assets, { view: 'panel', report: null }, 'Drift report');
 */
export function buildWebviewHtml(webview: WebviewLike, assets: WebviewAssets, state: InitialState, title: string, nonce = createNonce()): string {
  const script = escapeHtml(webview.asWebviewUri(assets.script).toString());
  const style = escapeHtml(webview.asWebviewUri(assets.style).toString());
  const csp = escapeHtml(contentSecurityPolicy(webview.cspSource, nonce));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${style}" nonce="${escapeHtml(nonce)}">`,
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body data-nonce="${escapeHtml(nonce)}" ${INITIAL_STATE_ATTRIBUTE}="${escapeHtml(JSON.stringify(state))}">`,
    `<script nonce="${escapeHtml(nonce)}" src="${script}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
