/**
 * The user ended a question (Esc, Cancel, closing a dialog). Not an error: the command's error
 * boundary (commands/errorBoundary.ts) lets it pass silently, whichever prompt threw it.
 */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled by the user');
    this.name = 'UserCancelled';
  }
}
