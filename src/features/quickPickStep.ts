import * as vscode from 'vscode';

/** What a step of a multi-step quick pick ended with. */
export type StepResult<T> = { readonly picked: T } | 'back' | 'cancelled';

export interface StepOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly placeholder: string;
  readonly items: readonly T[];
  readonly activeItem?: T;
}

/**
 * One step of a multi-step quick pick, with the step counter and a Back button from step 2 on.
 * Escape cancels, and the caller changes nothing then. From step 2 on, focus moving elsewhere (a
 * report panel finishing, a notification) does not throw away the earlier answers: the step
 * stays open, as VS Code's own multi-step inputs do.
 */
export function showQuickPickStep<T extends vscode.QuickPickItem>(options: StepOptions<T>): Promise<StepResult<T>> {
  const quickPick = vscode.window.createQuickPick<T>();
  quickPick.title = options.title;
  quickPick.step = options.step;
  quickPick.totalSteps = options.totalSteps;
  quickPick.placeholder = options.placeholder;
  quickPick.items = options.items;
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = options.step > 1;
  if (options.activeItem) quickPick.activeItems = [options.activeItem];
  if (options.step > 1) quickPick.buttons = [vscode.QuickInputButtons.Back];

  return new Promise<StepResult<T>>((resolve) => {
    let settled = false;
    const finish = (result: StepResult<T>) => {
      if (settled) return;
      settled = true;
      resolve(result);
      quickPick.dispose();
    };
    quickPick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish('back');
    });
    quickPick.onDidAccept(() => {
      const [picked] = quickPick.selectedItems;
      if (picked) finish({ picked });
    });
    quickPick.onDidHide(() => finish('cancelled'));
    quickPick.show();
  });
}
