/**
 * The Durable Object `name` addresses in `namespace`, with its id derived once per isolate:
 * `idFromName` hashes the name (a native SHA-256 under the namespace's key) on every call, and the
 * lead route asks for the same few objects (its form's limiter, its vendor's pacer) on every lead.
 * An id is a plain value, valid across requests; the stub is not cached, it belongs to its request.
 */
const ids = new WeakMap<object, Map<string, DurableObjectId>>();

// GUESS: no bound on the map: its names are form ids and vendor connection keys, a few per Worker.
export function durableObjectByName<T extends Rpc.DurableObjectBranded | undefined>(namespace: DurableObjectNamespace<T>, name: string): DurableObjectStub<T> {
  let byName = ids.get(namespace);
  if (!byName) ids.set(namespace, (byName = new Map()));
  let id = byName.get(name);
  if (!id) byName.set(name, (id = namespace.idFromName(name)));
  return namespace.get(id);
}
