// Pod IPs from each node's spec.podCIDR, as the host-local IPAM plugin hands them out: the network
// address and the gateway (.1) are skipped, so a /24 gives .2 … .254, lowest free first. Addresses go
// back to the pool when the pod's sandbox goes (the pod is deleted or finishes).

interface Pool {
  /** First address of the range as a 32-bit number. */
  base: number;
  /** Offsets .2 … size-2 in use. */
  used: Set<number>;
  size: number;
}

const FIRST_OFFSET = 2;

export class PodIpAllocator {
  private readonly pools = new Map<string, Pool>();

  /** The lowest free address of the node's range, now taken; undefined when the range is full or unusable. */
  allocate(node: string, cidr: string | undefined): string | undefined {
    const pool = this.pool(node, cidr);
    if (!pool) return undefined;
    for (let offset = FIRST_OFFSET; offset < pool.size - 1; offset++) {
      if (!pool.used.has(offset)) {
        pool.used.add(offset);
        return formatIp(pool.base + offset);
      }
    }
    return undefined;
  }

  /** Marks an address already held (a pod's status after a restart). */
  reserve(node: string, cidr: string | undefined, ip: string): void {
    const pool = this.pool(node, cidr);
    const offset = pool ? offsetOf(pool, ip) : undefined;
    if (pool && offset !== undefined) pool.used.add(offset);
  }

  release(node: string, ip: string): void {
    const pool = this.pools.get(node);
    const offset = pool ? offsetOf(pool, ip) : undefined;
    if (pool && offset !== undefined) pool.used.delete(offset);
  }

  /** `10.244.1.1-10.244.1.254`: the range as the IPAM plugin names it in errors. */
  rangeText(node: string): string {
    const pool = this.pools.get(node);
    return pool ? `${formatIp(pool.base + 1)}-${formatIp(pool.base + pool.size - 2)}` : "";
  }

  private pool(node: string, cidr: string | undefined): Pool | undefined {
    const existing = this.pools.get(node);
    if (existing) return existing;
    const range = parseCidr(cidr);
    if (!range) return undefined;
    const pool: Pool = { ...range, used: new Set() };
    this.pools.set(node, pool);
    return pool;
  }
}

function offsetOf(pool: Pool, ip: string): number | undefined {
  const value = parseIp(ip);
  if (value === undefined) return undefined;
  const offset = value - pool.base;
  return offset >= 0 && offset < pool.size ? offset : undefined;
}

function parseCidr(cidr: string | undefined): { base: number; size: number } | undefined {
  const match = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr ?? "");
  if (!match) return undefined;
  const prefix = Number(match[2]);
  const address = parseIp(match[1]);
  if (address === undefined || prefix < 8 || prefix > 30) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), size };
}

function parseIp(text: string): number | undefined {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}

function formatIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}
