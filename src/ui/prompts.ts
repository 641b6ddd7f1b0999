/**
 * Every question the extension asks the user goes through here: quick picks, input boxes and
 * modal confirmations. Integration tests run in a real VS Code, where nobody can click a modal,
 * so in ExtensionMode.Test (only) the extension's API lets a test script the next answers;
 * each scripted answer is checked against the kind of question it meets.
 */
import * as vscode from 'vscode';

export type ScriptedAnswer =
  | { kind: 'pick'; label: string | undefined }
  | { kind: 'input'; value: string | undefined }
  | { kind: 'confirm'; button: string | undefined };

export interface AskedQuestion {
  kind: ScriptedAnswer['kind'];
  title: string;
  detail?: string;
}

export class Prompts {
  private readonly script: ScriptedAnswer[] = [];
  /** Questions asked while answers were scripted, for tests to assert on. */
  readonly asked: AskedQuestion[] = [];

  scriptAnswers(answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  private next<K extends ScriptedAnswer['kind']>(question: AskedQuestion & { kind: K }): Extract<ScriptedAnswer, { kind: K }> | undefined {
    if (this.script.length === 0) return undefined;
    this.asked.push(question);
    const answer = this.script.shift()!;
    if (answer.kind !== question.kind) throw new Error(`scripted answer of kind ${answer.kind} met a ${question.kind} question: ${question.title}`);
    return answer as Extract<ScriptedAnswer, { kind: K }>;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    const scripted = this.next({ kind: 'pick', title: options.title });
    if (scripted) return items.find((item) => item.label === scripted.label || item.label.endsWith(` ${scripted.label}`));
    return vscode.window.showQuickPick(items, options);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const scripted = this.next({ kind: 'input', title: options.title, detail: options.prompt });
    if (!scripted) return vscode.window.showInputBox(options);
    if (scripted.value !== undefined) {
      const problem = await options.validateInput?.(scripted.value);
      if (problem) throw new Error(`scripted input "${scripted.value}" was refused: ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return scripted.value;
  }

  async confirm(title: string, detail: string, button: string): Promise<boolean> {
    const scripted = this.next({ kind: 'confirm', title, detail });
    const answer = scripted ? scripted.button : await vscode.window.showWarningMessage(title, { modal: true, detail }, button);
    return answer === button;
  }
}
