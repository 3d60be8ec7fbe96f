// A binary min-heap of scheduled tasks ordered by (due time, scheduling sequence): tasks due at the
// same instant run in the order they were scheduled, which keeps simulations deterministic.

export interface QueuedTask {
  readonly at: number;
  readonly seq: number;
}

export class TaskQueue<T extends QueuedTask> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(task: T): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
    return top;
  }

  /** The queued tasks in run order (a copy; for diagnostics). */
  ordered(): T[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

function before(a: QueuedTask, b: QueuedTask): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
