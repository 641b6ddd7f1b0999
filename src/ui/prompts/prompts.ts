/**
 * Every question the extension asks the user goes through here: quick picks, input boxes,
 * modal confirmations and notices that offer an action. Integration tests run in a real VS
 * Code, where nobody can click a modal, so in ExtensionMode.Test (only) the extension's API lets
 * a test script the next answers; each scripted answer is checked against the kind of question
 * it meets.
 */
import * as vscode from 'vscode';

import { messageText, showControls } from '../../core/text/foreignText';

export type ScriptedAnswer =
  | { kind: 'pick'; label: string | undefined }
  | { kind: 'picks'; labels: string[] | undefined }
  | { kind: 'input'; value: string | undefined; button?: string }
  | { kind: 'confirm'; button: string | undefined }
  | { kind: 'files'; paths: string[] | undefined }
  | { kind: 'back' };

/** What a step of a multi-step flow returns when the user pressed its Back button. */
export const Back = Symbol('back');

/** Where a question stands in a multi-step flow (shown as "2/6" in the title bar). */
export interface StepInfo {
  title: string;
  step: number;
  totalSteps: number;
}

export interface AskedQuestion {
  kind: ScriptedAnswer['kind'];
  title: string;
  detail?: string;
  /** A confirmation's action button (its verb: `Stop`, `Remove`). */
  button?: string;
  /** Every choice besides Cancel, when there are more than one (the verb first). */
  choices?: string[];
  /** A step of a flow: its counter as the title bar shows it ("3/7"). */
  step?: string;
  /** An input's initial value and placeholder: what it suggests. */
  value?: string;
  placeholder?: string;
  /** Scripted inputs it refused, and why (it was answered again, as a user retypes). */
  refused?: { value: string; problem: string }[];
}

export class Prompts {
  private readonly script: ScriptedAnswer[] = [];
  /** Questions asked while answers were scripted, for tests to assert on. */
  readonly asked: AskedQuestion[] = [];
  /** Every notice shown (see notify). */
  readonly notices: string[] = [];

  scriptAnswers(answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  /** The next scripted answer for `question`, checked against its kind; undefined when none is scripted. */
  private next<K extends ScriptedAnswer['kind']>(question: AskedQuestion & { kind: K }): Extract<ScriptedAnswer, { kind: K }> | undefined {
    return this.take(question, [question.kind]) as Extract<ScriptedAnswer, { kind: K }> | undefined;
  }

  /** Like next(), for a step of a multi-step flow, where Back is an answer too. */
  private nextStep<K extends ScriptedAnswer['kind']>(question: AskedQuestion & { kind: K }): Extract<ScriptedAnswer, { kind: K | 'back' }> | undefined {
    return this.take(question, [question.kind, 'back']) as Extract<ScriptedAnswer, { kind: K | 'back' }> | undefined;
  }

  private take(question: AskedQuestion, kinds: ScriptedAnswer['kind'][]): ScriptedAnswer | undefined {
    if (this.script.length === 0) return undefined;
    this.asked.push(question);
    const answer = this.script.shift()!;
    if (!kinds.includes(answer.kind)) throw new Error(`scripted answer of kind ${answer.kind} met a ${question.kind} question: ${question.title}`);
    return answer;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | undefined> {
    // The items as the list shows them, one a line, for tests to read.
    const scripted = this.next({
      kind: 'pick',
      title: options.title,
      detail: items.map((item) => [item.label, item.description].filter(Boolean).join(' — ')).join('\n'),
    });
    if (scripted) return findItem(items, scripted.label);
    return vscode.window.showQuickPick(items, options);
  }

  /** A multi-select quick pick: the items chosen, or undefined when the user pressed Esc. */
  async pickMany<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeHolder?: string }): Promise<T[] | undefined> {
    const scripted = this.next({ kind: 'picks', title: options.title });
    if (scripted) return scripted.labels?.map((label) => findItem(items, label)).filter((item): item is T => item !== undefined);
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
  }

  /** One step of a multi-step flow: an item, Back, or undefined when the user pressed Esc. */
  async pickStep<T extends vscode.QuickPickItem>(items: T[], step: StepInfo & { placeholder?: string; active?: T }): Promise<T | typeof Back | undefined> {
    const scripted = this.nextStep({ kind: 'pick', title: step.title, step: `${step.step}/${step.totalSteps}` });
    if (scripted) return scripted.kind === 'back' ? Back : findItem(items, scripted.label);
    return showStep(vscode.window.createQuickPick<T>(), step, (input, settle) => {
      input.items = items;
      input.placeholder = step.placeholder;
      if (step.active) input.activeItems = [step.active];
      input.onDidAccept(() => settle(input.selectedItems[0]));
    });
  }

  /** One text step of a multi-step flow; `validate` may be async (stale results are dropped). */
  async inputStep(
    step: StepInfo & {
      value?: string;
      prompt?: string;
      placeholder?: string;
      password?: boolean;
      validate?: (value: string) => string | undefined | Promise<string | undefined>;
    },
  ): Promise<string | typeof Back | undefined> {
    const question = {
      kind: 'input' as const,
      title: step.title,
      detail: step.prompt,
      step: `${step.step}/${step.totalSteps}`,
      value: step.value,
      placeholder: step.placeholder,
    };
    const scripted = this.nextStep(question);
    if (scripted) return scripted.kind === 'back' ? Back : this.scriptedInput(question, scripted.value, step.validate);
    return showStep(vscode.window.createInputBox(), step, (input, settle) => {
      input.value = step.value ?? '';
      input.prompt = step.prompt;
      input.placeholder = step.placeholder;
      input.password = step.password ?? false;
      let generation = 0;
      const validate = async (value: string) => {
        const mine = ++generation;
        const problem = await step.validate?.(value);
        if (mine === generation) input.validationMessage = problem;
        return problem;
      };
      input.onDidChangeValue((value) => void validate(value));
      input.onDidAccept(async () => {
        input.busy = true;
        const problem = await validate(input.value);
        input.busy = false;
        if (!problem) settle(input.value);
      });
    });
  }

  async saveFile(options: vscode.SaveDialogOptions & { title: string }): Promise<string | undefined> {
    const scripted = this.next({ kind: 'files', title: options.title });
    if (scripted) return scripted.paths?.[0];
    return (await vscode.window.showSaveDialog(options))?.fsPath;
  }

  async openFiles(options: vscode.OpenDialogOptions & { title: string }): Promise<string[] | undefined> {
    const scripted = this.next({ kind: 'files', title: options.title });
    if (scripted) return scripted.paths;
    return (await vscode.window.showOpenDialog(options))?.map((uri) => uri.fsPath);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const question = { kind: 'input' as const, title: options.title, detail: options.prompt, value: options.value, placeholder: options.placeHolder };
    const scripted = this.next(question);
    if (!scripted) return vscode.window.showInputBox(options);
    const validate =
      options.validateInput &&
      (async (value: string) => {
        const problem = await options.validateInput!(value);
        return typeof problem === 'string' ? problem : problem?.message;
      });
    return this.scriptedInput(question, scripted.value, validate);
  }

  /** A scripted input, validated like a typed one: a refused value is recorded and the next scripted input answers, as a user retypes. */
  private async scriptedInput(
    question: AskedQuestion,
    value: string | undefined,
    validate?: (value: string) => string | undefined | Promise<string | undefined>,
  ): Promise<string | undefined> {
    for (let answer = value; ;) {
      const problem = answer === undefined ? undefined : await validate?.(answer);
      if (!problem) return answer;
      (question.refused ??= []).push({ value: answer!, problem });
      const retyped = this.script[0]?.kind === 'input' ? this.script.shift() : undefined;
      if (retyped?.kind !== 'input') throw new Error(`scripted input "${answer}" was refused: ${problem}`);
      answer = retyped.value;
    }
  }

  /**
   * The whole question in ONE input box (VS Code has no modal with an input): `title` asks it,
   * `detail` (one line) says where and what, and the user types `name` (a production
   * context's) to `verb` ("stop"); checked as they type. True only for the exact name: Enter on
   * anything else, or Esc, declines.
   */
  async typeNameToConfirm(name: string, title: string, detail: string, verb: string): Promise<boolean> {
    return (await this.typeNameToChoose(name, title, detail, verb)) === verb;
  }

  /**
   * typeNameToConfirm with a second way to go ahead, `also` (a button in the box's title bar,
   * which wants the name typed too): resolves `verb` (Enter), `also`, or undefined (Esc). A
   * scripted input answers `also` when it names it as its `button`.
   */
  async typeNameToChoose(name: string, title: string, detail: string, verb: string, also?: string): Promise<string | undefined> {
    const alsoText = also ? `, or type it and choose "${also}" (title bar)` : '';
    const prompt = `${detail} Type "${name}" and press Enter to ${verb.toLowerCase()}${alsoText}; Esc cancels.`;
    // Nothing typed yet: no message, so the prompt (the question's detail) stays in view.
    const validate = (value: string) => (value === name || value === '' ? undefined : `Type "${name}" exactly to ${verb.toLowerCase()}, or press Esc`);
    const question = { kind: 'input' as const, title, detail: prompt, value: undefined, placeholder: name, ...(also && { choices: [verb, also] }) };
    const scripted = this.next(question);
    if (scripted) {
      const typed = await this.scriptedInput(question, scripted.value, validate);
      return typed !== name ? undefined : also !== undefined && scripted.button === also ? also : verb;
    }
    if (!also)
      return (await vscode.window.showInputBox({ title, prompt, placeHolder: name, ignoreFocusOut: true, validateInput: validate })) === name
        ? verb
        : undefined;
    return new Promise((resolve) => {
      const input = vscode.window.createInputBox();
      const button: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('watch'), tooltip: also };
      let settled = false;
      const settle = (choice: string | undefined) => {
        if (settled) return;
        settled = true;
        resolve(choice);
        input.dispose();
      };
      Object.assign(input, { title, prompt, placeholder: name, ignoreFocusOut: true, buttons: [button] });
      input.onDidChangeValue((value) => (input.validationMessage = validate(value)));
      input.onDidAccept(() => input.value === name && settle(verb));
      input.onDidTriggerButton(() => (input.value === name ? settle(also) : (input.validationMessage = `Type "${name}" first, then choose "${also}"`)));
      input.onDidHide(() => settle(undefined));
      input.show();
    });
  }

  /** A non-modal notice with one action; true when the user chose it (scripted like a confirmation). */
  async offer(message: string, button: string): Promise<boolean> {
    const scripted = this.next({ kind: 'confirm', title: message });
    const answer = scripted ? scripted.button : await vscode.window.showInformationMessage(messageText(message), button);
    return answer === button;
  }

  /** A notice without a question; kept in `notices` for tests to read. */
  notify(message: string): void {
    this.notices.push(message);
    void vscode.window.showInformationMessage(messageText(message));
  }

  /** A notice that the extension raised on its own, with one action (never scripted: it may come at any time); kept in `notices`. */
  async notifyWithAction(message: string, button: string, severity: 'info' | 'warning' | 'error' = 'info'): Promise<boolean> {
    this.notices.push(message);
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    return (await show(messageText(message), button)) === button;
  }

  /**
   * A modal question whose one action, `button`, is not destructive: VS Code makes it the default
   * (Enter). `title` is one line (controls shown), `detail` may have lines, so its foreign parts
   * must be shown by the caller.
   */
  async confirm(title: string, detail: string, button: string): Promise<boolean> {
    return (await this.choose(title, detail, [button])) === button;
  }

  /** confirm() with several actions (the first is the default): the one chosen, or undefined for Cancel. */
  async choose(title: string, detail: string, buttons: string[]): Promise<string | undefined> {
    const scripted = this.next({ kind: 'confirm', title, detail, button: buttons[0], ...(buttons.length > 1 && { choices: buttons }) });
    const answer = scripted
      ? scripted.button
      : (await vscode.window.showWarningMessage(showControls(title), { modal: true, detail }, ...buttons.map((button) => ({ title: button })), cancelItem))
          ?.title;
    return buttons.find((button) => button === answer);
  }

  /**
   * A question before an action that destroys or cannot be undone: Cancel is the default. A VS
   * Code modal cannot do that (it focuses its first action button, and `isCloseAffordance` only
   * names the Cancel slot, which never is the default), so this is a quick pick whose first,
   * preselected item is Cancel; the action is named by its verb (`button`) with `detail` (its
   * lines joined) below it. Scripted and recorded like a modal (`confirm`).
   */
  async confirmDestructive(title: string, detail: string, button: string): Promise<boolean> {
    return (await this.chooseDestructive(title, detail, [button])) === button;
  }

  /** confirmDestructive() with several actions after Cancel: the one chosen, or undefined for Cancel. */
  async chooseDestructive(title: string, detail: string, buttons: string[]): Promise<string | undefined> {
    const scripted = this.next({ kind: 'confirm', title, detail, button: buttons[0], ...(buttons.length > 1 && { choices: buttons }) });
    if (scripted) return buttons.find((button) => button === scripted.button);
    const cancel: vscode.QuickPickItem = { label: '$(close) Cancel', description: 'nothing is done' };
    const choices = buttons.map((button, index) => ({
      label: `$(${index === 0 ? 'warning' : 'watch'}) ${button}`,
      detail: index === 0 ? oneLine(detail) : undefined,
      button,
    }));
    const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { button?: string }>([cancel, ...choices], {
      title: showControls(title),
      placeHolder: `Enter cancels; choose "${buttons[0]}" to go ahead`,
      ignoreFocusOut: true,
    });
    return picked?.button;
  }
}

/** Cancel, named explicitly: Esc and closing the modal answer it. */
const cancelItem: vscode.MessageItem = { title: 'Cancel', isCloseAffordance: true };

/** A detail of several lines as one line (a quick pick item or an input box prompt has one). */
export function oneLine(detail: string): string {
  return detail
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' · ');
}

function findItem<T extends vscode.QuickPickItem>(items: T[], label: string | undefined): T | undefined {
  return items.find((item) => item.label === label || item.label.endsWith(` ${label}`));
}

/**
 * Shows a quick input as one step of a flow and settles once: with the accepted value, with
 * Back (its title-bar button), or with undefined when it is hidden (Esc, focus lost for good).
 */
function showStep<Input extends vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, Value>(
  input: Input,
  step: StepInfo,
  setUp: (input: Input, settle: (value: Value | undefined) => void) => void,
): Promise<Value | typeof Back | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: Value | typeof Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      input.dispose();
    };
    input.title = step.title;
    input.step = step.step;
    input.totalSteps = step.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(Back));
    input.onDidHide(() => settle(undefined));
    setUp(input, settle);
    input.show();
  });
}
