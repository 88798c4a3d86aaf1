/** An error whose message is written for the person using Sotto, safe to show and to log. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = 'failed',
  ) {
    super(message);
    this.name = 'UserError';
  }
}
