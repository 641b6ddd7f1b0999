/**
 * Ownership of disposable resources.
 *
 * Every listener, watcher, timer and registration belongs to exactly one owner, which disposes
 * what it registered, newest first, when it is disposed itself. The shape matches VS Code's
 * `Disposable` so the UI layer can register `vscode` disposables here without this core
 * module importing `vscode`.
 */

export interface Disposable {
  dispose(): unknown;
}

export class DisposableStore implements Disposable {
  private readonly owned: Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `disposable` and returns it, for `this.x = this.register(new X())`. */
  register<T extends Disposable>(disposable: T): T {
    if (this.disposed) {
      disposable.dispose();
      throw new Error('register() called on a disposed owner');
    }
    this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const disposable of this.owned.reverse()) {
      try {
        disposable.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.owned.length = 0;
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
  }
}
