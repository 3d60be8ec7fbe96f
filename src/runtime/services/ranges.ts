// The two pools a Service draws from: cluster IPs (`--service-cluster-ip-range`, default
// 10.96.0.0/12) and node ports (`--service-node-port-range`, default 30000-32767). Each pool is a
// row of slots split in two bands (KEP-3070 for IPs, KEP-3668 for ports): a small lower band that
// dynamic allocation uses only once the upper band is full, so that users asking for a fixed value
// (kube-dns's 10.96.0.10, a well-known node port) rarely collide with an allocated one.

export interface SlotRange {
  /** Number of slots. */
  readonly size: number;
  /** Slots below this index form the lower (static) band. */
  readonly offset: number;
}

/** min(max(min, size/step), max), or 0 for a range too small to split. */
function bandOffset(rangeSize: number, limits: { min: number; max: number; step: number }): number {
  if (rangeSize <= limits.min) return 0;
  return Math.min(Math.max(limits.min, Math.floor(rangeSize / limits.step)), limits.max);
}

/** An IPv4 CIDR whose usable addresses (all but the network and broadcast addresses) are the slots. */
export class ServiceIpRange implements SlotRange {
  readonly size: number;
  readonly offset: number;
  private readonly network: number;

  constructor(readonly cidr: string) {
    const [address, bits] = cidr.split("/");
    const network = parseIPv4(address ?? "");
    const prefix = Number(bits);
    if (network === undefined || !Number.isInteger(prefix) || prefix < 1 || prefix > 30) throw new Error(`not an IPv4 service range: ${cidr}`);
    const total = 2 ** (32 - prefix);
    this.network = network - (network % total);
    this.size = total - 2;
    // Upstream measures the band on the whole CIDR, network and broadcast addresses included.
    this.offset = bandOffset(total, { min: 16, max: 256, step: 16 });
  }

  /** The slot of an address, or undefined when it is outside the usable addresses. */
  indexOf(ip: string): number | undefined {
    const value = parseIPv4(ip);
    if (value === undefined) return undefined;
    const index = value - this.network - 1;
    return index >= 0 && index < this.size ? index : undefined;
  }

  addressAt(index: number): string {
    return formatIPv4(this.network + 1 + index);
  }
}

/** A node-port range `first-last` (inclusive); each port is a slot. */
export class NodePortRange implements SlotRange {
  readonly size: number;
  readonly offset: number;

  constructor(
    readonly first: number,
    readonly last: number,
  ) {
    this.size = last - first + 1;
    this.offset = bandOffset(this.size, { min: 16, max: 128, step: 32 });
  }

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.first && port <= this.last;
  }

  /** As the flag is written and upstream's messages print it. */
  toString(): string {
    return `${this.first}-${this.last}`;
  }
}

export const DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
export const DEFAULT_NODE_PORT_RANGE = new NodePortRange(30000, 32767);

/**
 * The slot to allocate: a random start in the upper band, then the first free slot after it
 * (wrapping within the band); the lower band the same way once the upper one is full. This is
 * upstream's random-scan-with-offset strategy; `random` supplies the seeded draw.
 */
export function pickFreeSlot(range: SlotRange, random: () => number, taken: (index: number) => boolean): number | undefined {
  const upper = range.size - range.offset;
  if (upper > 0) {
    const start = random() % upper;
    for (let i = 0; i < upper; i++) {
      const at = range.offset + ((start + i) % upper);
      if (!taken(at)) return at;
    }
  }
  if (range.offset > 0) {
    const start = random() % range.offset;
    for (let i = 0; i < range.offset; i++) {
      const at = (start + i) % range.offset;
      if (!taken(at)) return at;
    }
  }
  return undefined;
}

/** Dotted-quad IPv4 as an unsigned 32-bit number; undefined when the text is not one. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join(".");
}
