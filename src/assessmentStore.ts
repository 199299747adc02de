import * as vscode from 'vscode';
import { isAssessment, type Assessment } from './core/lifecycle/stages';

const KEY = 'gradient.assessment';

/** The stage assessment, kept per workspace, with a change event for everything it orders. */
export class AssessmentStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Assessment>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get current(): Assessment | undefined {
    const stored = this.state.get<unknown>(KEY);
    return isAssessment(stored) ? stored : undefined;
  }

  async set(assessment: Assessment): Promise<void> {
    await this.state.update(KEY, { stage: assessment.stage, constraint: assessment.constraint });
    this.changed.fire(assessment);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
