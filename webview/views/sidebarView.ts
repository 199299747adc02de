/** The side-bar view: the assessed stage, the latest report's verdict, and the actions. */

import type { SidebarState, WebviewMessage } from '../../src/protocol';
import { STATUS_WORDS, formatStatistic, statusTone } from '../chartData';
import { badge, button, h, section } from '../dom';

const KIND_WORDS = { drift: 'Drift', calibration: 'Calibration', cusum: 'Concept drift' } as const;

export function renderSidebar(root: HTMLElement, state: SidebarState, post: (message: WebviewMessage) => void): HTMLElement {
  const view = h('div', { class: 'sidebar' });

  const stage = section('Stage', 'sidebar-stage');
  if (state.assessment) {
    stage.append(
      h('p', { class: 'stage-line' }, h('strong', null, `${state.assessment.stage} · ${state.assessment.stageLabel}`)),
      h('p', { class: 'muted' }, `Primary constraint: ${state.assessment.constraint}`),
      h('div', { class: 'actions' }, button('Reassess stage', () => post({ type: 'assessStage' }), { secondary: true })),
    );
  } else {
    stage.append(
      h('p', { class: 'muted' }, 'Tell GRADIENT where your ML system is in its lifecycle to get the tests and checks for that stage.'),
      h('div', { class: 'actions' }, button('Assess stage', () => post({ type: 'assessStage' }))),
    );
  }
  view.append(stage);

  const latest = section('Latest report', 'sidebar-report');
  if (state.latest) {
    const { latest: report } = state;
    latest.append(
      h('p', { class: 'report-title' }, badge(STATUS_WORDS[report.status].label, statusTone(report.status), STATUS_WORDS[report.status].meaning), ' ', h('strong', null, report.title || KIND_WORDS[report.kind])),
      h('p', { class: 'verdict' }, report.verdict),
    );
    if (report.topColumns.length > 0) {
      latest.append(
        h('h3', null, report.kind === 'drift' ? 'Most drifted columns' : 'Columns'),
        h(
          'ul',
          { class: 'top-columns' },
          ...report.topColumns.map((c) =>
            h('li', null, badge(STATUS_WORDS[c.status].label, statusTone(c.status)), ' ', h('span', { class: 'column-name', title: c.name }, c.name), h('span', { class: 'psi' }, `PSI ${formatStatistic(c.psi)}`)),
          ),
        ),
      );
    }
    latest.append(
      h(
        'div',
        { class: 'actions' },
        button('Open report', () => post({ type: 'openReport' })),
        button('Rerun', () => post({ type: 'rerun' }), { secondary: true }),
        button('New drift report', () => post({ type: 'newDriftReport' }), { secondary: true }),
      ),
    );
  } else {
    latest.append(
      h('div', { class: 'empty-state' },
        h('p', null, 'No report yet.'),
        h('p', { class: 'muted' }, 'Compare your training data with production data to see which columns drifted, by how much, and why.'),
        h('div', { class: 'actions' }, button('New drift report', () => post({ type: 'newDriftReport' }))),
      ),
    );
  }
  view.append(latest);
  root.replaceChildren(view);
  return view;
}
