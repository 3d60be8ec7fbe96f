import { describe, expect, test } from "vitest";
import { NodePortRange, pickFreeSlot, ServiceIpRange } from "../../../src/runtime/services/ranges.js";

describe("bands", () => {
  test.each([
    ["10.96.0.0/12", 1048574, 256],
    ["10.0.0.0/16", 65534, 256],
    ["192.168.0.0/20", 4094, 256],
    ["192.168.0.0/24", 254, 16],
    ["192.168.0.0/28", 14, 0],
  ])("%s has %i usable addresses and a static band of %i", (cidr, size, offset) => {
    const range = new ServiceIpRange(cidr);
    expect([range.size, range.offset]).toEqual([size, offset]);
  });

  test("30000-32767 has 2768 ports, of which 30000-30085 are the static band", () => {
    const range = new NodePortRange(30000, 32767);
    expect([range.size, range.offset, range.toString()]).toEqual([2768, 86, "30000-32767"]);
  });

  test("addresses and slots map both ways, without the network and broadcast addresses", () => {
    const range = new ServiceIpRange("10.96.0.0/12");
    expect(range.addressAt(0)).toBe("10.96.0.1");
    expect(range.addressAt(256)).toBe("10.96.1.1");
    expect(range.indexOf("10.96.0.1")).toBe(0);
    expect(range.indexOf("10.111.255.254")).toBe(range.size - 1);
    expect(range.indexOf("10.96.0.0")).toBeUndefined();
    expect(range.indexOf("10.111.255.255")).toBeUndefined();
    expect(range.indexOf("10.95.255.255")).toBeUndefined();
    expect(range.indexOf("nonsense")).toBeUndefined();
  });
});

describe("pickFreeSlot", () => {
  const range = { size: 20, offset: 4 };

  test("starts at a random slot of the upper band and takes the next free one, wrapping in the band", () => {
    expect(pickFreeSlot(range, () => 3, () => false)).toBe(7);
    expect(pickFreeSlot(range, () => 15, (i) => i === 19)).toBe(4);
  });

  test("falls back to the lower band only when the upper one is full, then reports a full range", () => {
    const upperFull = (i: number): boolean => i >= 4;
    expect(pickFreeSlot(range, () => 2, upperFull)).toBe(2);
    expect(pickFreeSlot(range, () => 2, (i) => upperFull(i) || i === 2)).toBe(3);
    expect(pickFreeSlot(range, () => 0, () => true)).toBeUndefined();
  });
});
