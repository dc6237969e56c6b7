import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FieldError } from '../../../shared/api-error';
import type { FieldErrorCode } from '../../../shared/error-codes';
import type { FormSpec } from '../../../shared/form-spec';
import type { LeadSchema, LeadValidation } from '../../../shared/lead-schema';
import type { Translator } from '../../i18n/create-translator';
import { assignFieldErrors } from './assign-field-errors';
import type { SummaryItem } from './ErrorSummary';
import { fieldIds } from './field-ids';
import { errorText, fieldLabel, groupText } from './field-text';
import { type FieldValue, type FormValues, initialValues } from './form-values';
import { type Block, layoutFields } from './layout-fields';
import { recheckErrors, type ShownErrors } from './recheck-errors';
import { toLead } from './to-lead';

/** Where an error shows: a field or an at-least-one group. */
interface ErrorPlace {
  readonly name: string;
  readonly label: string;
  readonly focusId: string;
  readonly text: (code: FieldErrorCode) => string;
}

// In the order the form shows them, so the summary and the first focus follow the page.
function errorPlaces(blocks: readonly Block[], idPrefix: string, t: Translator): ErrorPlace[] {
  const place = (block: Block): ErrorPlace[] => {
    if (block.kind === 'row') return block.fields.flatMap((field) => place({ kind: 'field', field }));
    if (block.kind === 'field') {
      const { field } = block;
      return [{ name: field.name, label: fieldLabel(field, t), focusId: fieldIds(idPrefix, field).focus, text: (code) => errorText(field, code, t) }];
    }
    const inner = block.blocks.flatMap(place);
    if (block.rule.kind !== 'at-least-one' || !inner[0]) return inner;
    const text = groupText(block.rule.name, block.fields, t);
    const group: ErrorPlace = {
      name: block.rule.name,
      label: text.legend,
      focusId: inner[0].focusId,
      text: (code) => (code === 'one_required' ? text.error : errorText(undefined, code, t)),
    };
    return [group, ...inner];
  };
  return blocks.flatMap(place);
}

// The checker is needed to judge the form, not to show it: a chunk of its own, fetched once the app runs.
type Checker = typeof import('../../../shared/lead-schema');
let checker: Checker | undefined;
let loadingChecker: Promise<Checker> | undefined;
const loadChecker = () => (loadingChecker ??= import('../../../shared/lead-schema').then((m) => (checker = m)));

function byField(spec: FormSpec, list: readonly FieldError[], fromServer: boolean): ShownErrors {
  return Object.fromEntries([...assignFieldErrors(spec, list).byField].map(([name, e]) => [name, { code: e.code, fromServer }]));
}

function without(errors: ShownErrors, name: string): ShownErrors {
  const { [name]: _, ...rest } = errors;
  return rest;
}

/** One form's fields, values and errors: what the first step and the profile step share. */
export interface FieldForm {
  readonly blocks: readonly Block[];
  readonly values: FormValues;
  readonly errors: ShownErrors;
  /** The error summary's entries, in the order the form shows them. */
  readonly summary: readonly SummaryItem[];
  /** Whether a "*" appears, which the note above the form explains. */
  readonly marksRequired: boolean;
  readonly idPrefix: string;
  readonly t: Translator;
  readonly formRef: RefObject<HTMLFormElement | null>;
  readonly summaryRef: RefObject<HTMLDivElement | null>;
  /** Checks the current values with the shared schema (once its chunk is here). */
  readonly validate: () => Promise<LeadValidation>;
  /** Shows errors beside their fields and moves focus to the first. */
  readonly showErrors: (errors: readonly FieldError[], fromServer: boolean) => void;
  readonly clearErrors: () => void;
  readonly onChange: (name: string, value: FieldValue, commit: boolean) => void;
  readonly onBlur: () => void;
  readonly focusById: (id: string) => void;
}

/**
 * State and behaviour of a form rendering `spec`'s fields; `idPrefix` keeps its ids unique.
 * `initial`: what a server-rendered form already holds when the app hydrates it;
 * `shown`: errors to show from the start (the Worker's, on a form posted without JavaScript).
 */
export function useFieldForm(spec: FormSpec, idPrefix: string, t: Translator, initial?: FormValues, shown?: readonly FieldError[]): FieldForm {
  const blocks = useMemo(() => layoutFields(spec), [spec]);
  const schema = useMemo((): { current?: LeadSchema } => ({}), [spec]);
  const places = useMemo(() => errorPlaces(blocks, idPrefix, t), [blocks, idPrefix, t]);
  const groups = useMemo(
    () => new Map(blocks.flatMap((b) => (b.kind === 'group' && b.rule.kind === 'at-least-one' ? [[b.rule.name, b.fields.map((f) => f.name)] as const] : []))),
    [blocks],
  );
  const [values, setValues] = useState<FormValues>(() => initial ?? initialValues(spec));
  const [errors, setErrors] = useState<ShownErrors>(() => (shown ? byField(spec, shown, true) : {}));
  const [unplaced, setUnplaced] = useState<readonly FieldError[]>(() => (shown ? assignFieldErrors(spec, shown).unplaced : []));
  const [focusRequest, setFocusRequest] = useState(0);
  const valuesRef = useRef(values);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => void loadChecker(), []);
  // Only after validate() has awaited the checker: errors to recheck come from it.
  const verdict = (next: FormValues) => checker!.validateLead(spec, toLead(spec, next), (schema.current ??= checker!.buildLeadSchema(spec)));

  const focusById = (id: string) => {
    formRef.current?.querySelector<HTMLElement>(`[id="${id}"]`)?.focus();
  };

  const showErrors = (list: readonly FieldError[], fromServer: boolean) => {
    setErrors(byField(spec, list, fromServer));
    setUnplaced(assignFieldErrors(spec, list).unplaced);
    setFocusRequest((n) => n + 1);
  };

  const recheck = (current: ShownErrors, next: FormValues, typing: boolean): ShownErrors => {
    const open = Object.entries(current).some(([name, e]) => !e.fromServer && (!typing || groups.has(name)));
    if (!open || !checker) return current;
    const result = verdict(next);
    return recheckErrors(current, assignFieldErrors(spec, result.success ? [] : result.errors).byField, groups, typing);
  };

  const onChange = (name: string, value: FieldValue, commit: boolean) => {
    const next = { ...valuesRef.current, [name]: value };
    valuesRef.current = next;
    setValues(next);
    setErrors((current) => {
      // The Worker's verdict on a field, or on its group, stands until the visitor changes it.
      let kept = current;
      for (const [key, shown] of Object.entries(current)) {
        if (shown.fromServer && (key === name || groups.get(key)?.includes(name))) kept = without(kept, key);
      }
      return recheck(kept, next, !commit);
    });
  };

  const onBlur = () => setErrors((current) => recheck(current, valuesRef.current, false));

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = places.find((p) => errors[p.name]);
    if (first) focusById(first.focusId);
    else summaryRef.current?.focus();
    // Runs once per submit that found errors, not on every later edit.
  }, [focusRequest]);

  const summary: SummaryItem[] = places
    .filter((p) => errors[p.name])
    .map((p) => ({ key: p.name, label: p.label, text: p.text(errors[p.name]!.code), focusId: p.focusId }));
  if (unplaced.length > 0) summary.push({ key: 'unplaced', label: undefined, text: t.text('code.VALIDATION_FAILED'), focusId: undefined });

  return {
    blocks,
    values,
    errors,
    summary,
    marksRequired: spec.fields.some((f) => f.required) || groups.size > 0,
    idPrefix,
    t,
    formRef,
    summaryRef,
    validate: () => loadChecker().then(() => verdict(valuesRef.current)),
    showErrors,
    clearErrors: () => {
      setErrors({});
      setUnplaced([]);
    },
    onChange,
    onBlur,
    focusById,
  };
}
