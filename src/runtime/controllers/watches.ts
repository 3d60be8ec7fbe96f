// A controller's open watches: started once, closed together on stop.
export class Watches {
  private unwatch: Array<() => void> = [];

  /** Opens the watches `open` returns, unless they are open already. */
  open(open: () => Array<() => void>): void {
    if (this.unwatch.length > 0) return;
    this.unwatch = open();
  }

  close(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
  }
}
