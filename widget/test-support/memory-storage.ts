import type { OutboxStorage } from '../app/outbox/outbox';

/** Test fixture: a Storage kept in a Map, with the Map open for inspection. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  const storage: OutboxStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
  return { items, storage };
}

const insecure = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

/** Test fixture: a Storage that refuses everything, as in a sandboxed frame or with a full quota. */
export const throwingStorage: OutboxStorage = {
  getItem: insecure,
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
  removeItem: insecure,
  key: insecure,
  get length(): number {
    return insecure();
  },
};
