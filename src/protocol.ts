/**
 * The one typed protocol between the extension host and GRADIENT's webviews (the report panel
 * and the side-bar view). Type-only: imported by `src/` and `webview/`; the host validates every
 * incoming message with `src/webviewMessages.ts` before acting on it.
 *
 * Discriminated unions keyed on `type`; every field `readonly`.
 */
import type { Assessment } from './core/lifecycle/stages';
import type { DriftStatus, GradientReport } from './core/reports/types';
import type { Status } from './core/reports/vocabulary';

export type ReportKind = GradientReport['report'];
export type ExportFormat = 'html' | 'json' | 'markdown';

/** What the webview shows besides the report itself: the thresholds the user set, for chart rules. */
export interface ReportView {
  readonly report: GradientReport;
  /** ISO time the report was computed. */
  readonly computedAt: string;
  /** Milliseconds from command to report (load + statistics). */
  readonly elapsedMs: number;
}

/** A drifted or warning column as the side bar lists it. */
export interface SidebarColumn {
  readonly name: string;
  readonly status: DriftStatus;
  readonly psi: number;
}

export interface SidebarState {
  readonly assessment: (Assessment & { readonly stageLabel: string }) | null;
  /** The latest report's verdict, or null before the first report. */
  readonly latest: {
    readonly kind: ReportKind;
    readonly title: string;
    readonly status: Status;
    readonly verdict: string;
    /** Drift reports: the most drifted columns, worst first (at most 5). */
    readonly topColumns: readonly SidebarColumn[];
  } | null;
}

// ---------------------------------------------------------------------------------------------
// Host -> webview

export type HostMessage =
  /** A report to render (first render and every rerun / settings change). */
  | { readonly type: 'report'; readonly view: ReportView }
  /** Work in progress for a rerun: the panel keeps the old report visible and shows this. */
  | { readonly type: 'progress'; readonly message: string }
  /** The rerun failed; the message names the file and column and says what to do. */
  | { readonly type: 'error'; readonly message: string }
  /** The side-bar view's whole state (it caches nothing else). */
  | { readonly type: 'sidebar'; readonly state: SidebarState }
  /** The host asks for the rendered report (charts as SVG, tables) to write an HTML export. */
  | { readonly type: 'requestSnapshot'; readonly requestId: number };

// ---------------------------------------------------------------------------------------------
// Webview -> host

export type WebviewMessage =
  /** The webview's script has loaded and listens; the host (re)posts its state. */
  | { readonly type: 'ready' }
  /** Run the same report again on the same files. */
  | { readonly type: 'rerun' }
  | { readonly type: 'export'; readonly format: ExportFormat }
  /** Side bar: open the latest report's panel. */
  | { readonly type: 'openReport' }
  /** Side bar: run the stage assessment. */
  | { readonly type: 'assessStage' }
  /** Side bar: start a new drift report. */
  | { readonly type: 'newDriftReport' }
  /** Answer to `requestSnapshot`: the report's rendered markup, without scripts. */
  | { readonly type: 'snapshot'; readonly requestId: number; readonly html: string };

/** The `data-*` attribute on `<body>` that carries the initial state, HTML-escaped JSON. */
export const INITIAL_STATE_ATTRIBUTE = 'data-gradient-state';

/** What `INITIAL_STATE_ATTRIBUTE` holds. */
export type InitialState =
  | { readonly view: 'panel'; readonly report: ReportView | null }
  | { readonly view: 'sidebar'; readonly state: SidebarState };
