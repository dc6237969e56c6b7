import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { durableObjectByName } from './durable-object-by-name';

describe('durableObjectByName', () => {
  it("derives a name's id once per isolate, and every later stub addresses the same object", () => {
    const prototype = Object.getPrototypeOf(env.VENDOR_PACER) as { idFromName: (name: string) => DurableObjectId };
    const original = prototype.idFromName;
    const derived: string[] = [];
    prototype.idFromName = function (this: DurableObjectNamespace, name: string) {
      derived.push(name);
      return original.call(this, name);
    };
    try {
      const name = `by-name-${crypto.randomUUID()}`;
      const first = durableObjectByName(env.VENDOR_PACER, name);
      const second = durableObjectByName(env.VENDOR_PACER, name);
      const other = durableObjectByName(env.VENDOR_PACER, `${name}-other`);
      expect(derived).toEqual([name, `${name}-other`]);
      expect(second.id.equals(first.id)).toBe(true);
      expect(first.id.equals(env.VENDOR_PACER.idFromName(name))).toBe(true);
      expect(other.id.equals(first.id)).toBe(false);
    } finally {
      prototype.idFromName = original;
    }
  });
});
