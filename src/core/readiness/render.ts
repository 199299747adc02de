/** The readiness report as text (terminal), Markdown (PR comments, CI summaries) and JSON. */
import { escapeControls } from '../reports/vocabulary';
import { STAGES } from '../lifecycle/stages';
import type { ReadinessItem, ReadinessReport } from './types';
import { actionText, READINESS_STATE_WORDS } from './vocabulary';

const MAX_EVIDENCE = 4;

function scope(report: ReadinessReport): string {
  const stage = report.stage === 'all' ? 'all stages' : `stage ${report.stage} (${STAGES.find((s) => s.id === report.stage)?.label ?? ''})`;
  return `${stage}, constraint ${report.constraint ?? 'none'}`;
}

function groups(report: ReadinessReport): [string, ReadinessItem[]][] {
  const byFile = new Map<string, ReadinessItem[]>();
  for (const item of report.items) byFile.set(item.patternFile, [...(byFile.get(item.patternFile) ?? []), item]);
  return [...byFile];
}

function runLine(report: ReadinessReport): string {
  const run = report.testRun;
  if (!run) return 'Tests: no results given (run pytest --junitxml=FILE and pass --junit FILE).';
  return `Tests: ${run.passed} passed, ${run.failed} failed, ${run.errors} errors, ${run.skipped} skipped (${run.source}${run.finishedAt ? `, ${run.finishedAt}` : ''}).`;
}

export function renderReadinessText(report: ReadinessReport): string {
  const clean = (text: string) => escapeControls(text);
  const lines = [
    `GRADIENT readiness: ${clean(report.root)} (${scope(report)})`,
    `${report.verdict} Confidence ${report.confidence.toFixed(2)}.`,
    runLine(report),
  ];
  for (const [file, items] of groups(report)) {
    lines.push('', `${file} (stage ${items[0].stages.join(', ')})`);
    for (const item of items) {
      lines.push(`  ${READINESS_STATE_WORDS[item.state].mark.padEnd(8)}${item.id}: ${clean(item.text)}`);
      if (item.state === 'not-applicable') continue;
      lines.push(`          ${clean(item.reason)}`);
      const shown = item.evidence.slice(0, MAX_EVIDENCE);
      for (const evidence of shown) lines.push(`          - ${clean(evidence.text)}`);
      if (item.evidence.length > shown.length) lines.push(`          - and ${item.evidence.length - shown.length} more`);
      if (item.action && item.state !== 'pass') lines.push(`          next: ${clean(actionText(item.action))}`);
    }
  }
  const { configs, findings } = report.configs;
  lines.push('', `Configs: ${configs.length === 0 ? 'none found' : configs.map((c) => `${c.file} (${c.kind}${c.valid ? '' : ', invalid'})`).join(', ')}`);
  for (const finding of findings) {
    const l = finding.location;
    lines.push(`  ${l.file}:${l.range.startLine}:${l.range.startColumn + 1} ${finding.severity} [${finding.rule}] ${clean(finding.message)}`);
    if (finding.related) lines.push(`    related: ${finding.related.file}:${finding.related.range.startLine}: ${clean(finding.related.message)}`);
    if (finding.fix) lines.push(`    fix: ${clean(finding.fix.title)}`);
  }
  return lines.join('\n') + '\n';
}

function cell(text: string): string {
  return escapeControls(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>])/g, '\\$1');
}

export function renderReadinessMarkdown(report: ReadinessReport): string {
  const lines = [`## GRADIENT readiness: ${cell(report.root)}`, '', `**${cell(report.verdict)}** Confidence ${report.confidence.toFixed(2)} (${scope(report)}).`, '', cell(runLine(report))];
  for (const [file, items] of groups(report)) {
    lines.push('', `### ${cell(file)} (stage ${items[0].stages.join(', ')})`, '', '| state | item | why | next |', '|---|---|---|---|');
    for (const item of items) {
      const next = item.action && item.state !== 'pass' ? cell(actionText(item.action)) : '';
      lines.push(`| ${READINESS_STATE_WORDS[item.state].mark} | ${cell(item.id)}: ${cell(item.text)} | ${cell(item.reason)} | ${next} |`);
    }
  }
  if (report.configs.findings.length > 0) {
    lines.push('', '### Config findings', '', '| where | rule | what to change |', '|---|---|---|');
    for (const f of report.configs.findings) {
      lines.push(`| ${cell(`${f.location.file}:${f.location.range.startLine}`)} | ${cell(f.rule)} | ${cell(f.message)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderReadinessJson(report: ReadinessReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
