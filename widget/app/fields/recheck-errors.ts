import type { FieldError } from '../../../shared/api-error';
import type { FieldErrorCode } from '../../../shared/error-codes';

export interface ShownError {
  readonly code: FieldErrorCode;
  /** The Worker's verdict stays until the visitor changes that field. */
  readonly fromServer: boolean;
}
/** The errors on screen, by field or at-least-one group name. */
export type ShownErrors = Readonly<Record<string, ShownError>>;

/**
 * The errors to show after an edit, given a fresh verdict placed by
 * `assignFieldErrors`. Only errors already on screen are rechecked, so nothing
 * turns red while the visitor is still at it; the Worker's are left alone.
 *
 * `groups` names each at-least-one group's fields. Once one of them is filled,
 * the group's error gives way to its fields' own (e.g. an invalid email). While
 * `typing`, only group errors are rechecked, and one goes as soon as the group
 * holds a valid answer: taking red away early is kind, adding it is not.
 */
export function recheckErrors(
  current: ShownErrors,
  fresh: ReadonlyMap<string, FieldError>,
  groups: ReadonlyMap<string, readonly string[]>,
  typing: boolean,
): ShownErrors {
  const next: Record<string, ShownError> = {};
  for (const [name, shown] of Object.entries(current)) {
    const members = groups.get(name);
    if (shown.fromServer || (typing && !members)) {
      next[name] = shown;
      continue;
    }
    const now = fresh.get(name);
    if (now) {
      next[name] = { code: now.code, fromServer: false };
      continue;
    }
    if (!members) continue;
    const own = members.flatMap((m) => fresh.get(m) ?? []);
    if (typing) {
      if (own.length > 0) next[name] = shown;
      continue;
    }
    for (const error of own) next[error.field] ??= { code: error.code, fromServer: false };
  }
  return next;
}
