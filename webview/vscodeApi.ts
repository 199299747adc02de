/** The webview side of VS Code's messaging: typed with `src/protocol.ts`. */

import type { ReportKind, WebviewMessage } from '../src/protocol';
import { isSortOrder, type SortOrder } from './chartData';

/** What a panel keeps in `vscode.setState` so that a hidden-and-shown panel looks the same. */
export interface PanelViewState {
  /** The kind of report shown: after a window reload the host finds the panel's files by it. */
  readonly kind?: ReportKind;
  /** The drift column whose detail is shown. */
  readonly selectedColumn?: string;
  readonly sort?: SortOrder;
}

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  viewState(): PanelViewState;
  saveViewState(state: PanelViewState): void;
}

/** The host connection; `acquireVsCodeApi` may be called once per page. */
export function connectHost(): Host {
  const api: VsCodeApi =
    typeof acquireVsCodeApi === 'function'
      ? acquireVsCodeApi()
      : { postMessage: () => undefined, getState: () => undefined, setState: () => undefined };
  return {
    post: (message) => api.postMessage(message),
    viewState: () => {
      const state = api.getState();
      if (typeof state !== 'object' || state === null) return {};
      const { kind, selectedColumn, sort } = state as Record<string, unknown>;
      return {
        ...(kind === 'drift' || kind === 'calibration' || kind === 'cusum' ? { kind } : {}),
        ...(typeof selectedColumn === 'string' ? { selectedColumn } : {}),
        ...(isSortOrder(sort) ? { sort } : {}),
      };
    },
    saveViewState: (state) => api.setState(state),
  };
}
