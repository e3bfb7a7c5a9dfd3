/**
 * Where a fake's long job (an import, an export, a download) waits between its progress notices
 * while a test holds it, so the test can see the work under way.
 */
export class Gate {
  private closed: Promise<void> | null = null;

  /** Makes the jobs that reach the gate from now on wait until the returned call. */
  hold(): () => void {
    let release = () => {};
    this.closed = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.closed = null;
      release();
    };
  }

  /** At once when nothing holds the gate; else once it is released. */
  async pass(): Promise<void> {
    if (this.closed !== null) await this.closed;
  }
}
