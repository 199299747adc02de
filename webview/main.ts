/**
 * GRADIENT's webview entry (bundled to dist/webview.js): the report panel and the side-bar view.
 *
 * The host puts the initial state, HTML-escaped JSON, in <body data-gradient-state> and the CSP
 * nonce in <body data-nonce>; this script renders it, posts `ready`, then follows `HostMessage`s.
 */

import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { INITIAL_STATE_ATTRIBUTE, type HostMessage, type InitialState, type SidebarState } from '../src/protocol';
import { h } from './dom';
import { observeTheme, readPalette } from './theme';
import { ReportPanel } from './views/panel';
import { renderSidebar } from './views/sidebarView';
import { connectHost } from './vscodeApi';

function readInitialState(): InitialState | null {
  const text = document.body.getAttribute(INITIAL_STATE_ATTRIBUTE);
  if (!text) return null;
  try {
    const state = JSON.parse(text) as InitialState;
    return state && (state.view === 'panel' || state.view === 'sidebar') ? state : null;
  } catch {
    return null;
  }
}

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

function main(): void {
  const nonce = document.body.dataset.nonce || undefined;
  // Lit (vscode-elements) adopts constructed style sheets, which the CSP allows; where a browser
  // lacks them it falls back to <style> elements that carry this nonce.
  if (nonce) (globalThis as { litNonce?: string }).litNonce = nonce;
  const host = connectHost();
  const root = document.getElementById('gradient-root') ?? document.body.appendChild(h('div', { id: 'gradient-root' }));
  const initial = readInitialState() ?? { view: 'panel', report: null };
  let palette = readPalette();

  let panel: ReportPanel | undefined;
  let sidebarState: SidebarState | undefined;
  const post = host.post;

  if (initial.view === 'sidebar') {
    sidebarState = initial.state;
    renderSidebar(root, sidebarState, post);
  } else {
    panel = new ReportPanel(root, host, palette, nonce);
    panel.showReport(initial.report);
  }

  observeTheme(palette, (next) => {
    palette = next;
    panel?.setPalette(next);
  });

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isHostMessage(message)) return;
    switch (message.type) {
      case 'report':
        if (!panel) {
          panel = new ReportPanel(root, host, palette, nonce);
        }
        panel.showReport(message.view);
        break;
      case 'progress':
        panel?.showProgress(message.message);
        break;
      case 'error':
        panel?.showError(message.message);
        break;
      case 'sidebar':
        sidebarState = message.state;
        renderSidebar(root, sidebarState, post);
        break;
      case 'requestSnapshot':
        post({ type: 'snapshot', requestId: message.requestId, html: panel?.snapshot() ?? '' });
        break;
    }
  });

  post({ type: 'ready' });
}

// The host may load the script in <head>: wait for <body> and its data attributes.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main, { once: true });
else main();
