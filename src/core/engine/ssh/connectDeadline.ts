/**
 * A connect timeout that stops counting while a person is being asked something (trust this host
 * key? the key's passphrase?): the limit is for the network, not for reading a fingerprint.
 */
export class ConnectDeadline {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private pauses = 0;
  private done = false;

  constructor(
    readonly limitMs: number,
    private readonly onExpire: () => void,
  ) {
    this.remainingMs = limitMs;
    this.run();
  }

  /** Runs `ask` with the clock stopped. */
  async pause<T>(ask: () => Promise<T>): Promise<T> {
    if (this.pauses++ === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remainingMs -= Date.now() - this.startedAt;
    }
    try {
      return await ask();
    } finally {
      if (--this.pauses === 0) this.run();
    }
  }

  stop(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    if (this.done) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.onExpire();
      },
      Math.max(0, this.remainingMs),
    );
  }
}
