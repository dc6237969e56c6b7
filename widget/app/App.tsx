import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX, TargetedEvent } from 'preact';
import type { FieldError } from '../../shared/api-error';
import type { FieldErrorCode } from '../../shared/error-codes';
import type { FieldSpec, FormSpec } from '../../shared/form-spec';
import { buildLeadSchema, validateLead } from '../../shared/lead-schema';
import { createTranslator } from '../i18n/create-translator';
import { assignFieldErrors } from './assign-field-errors';
import { createIdempotencyKey } from './create-idempotency-key';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';
import { FailureNotice } from './FailureNotice';
import { Field } from './Field';
import { FieldGroup } from './FieldGroup';
import { fieldIds } from './field-ids';
import { errorText, fieldLabel } from './field-text';
import { initialValues, type FieldValue, type FormValues } from './form-values';
import { httpUrl } from './http-url';
import { layoutFields, type Block } from './layout-fields';
import { navigateTop } from './navigate-top';
import { ResultPanel } from './ResultPanel';
import { isRetryable, submitLead, type FailureCode } from './submit-lead';
import { toLead } from './to-lead';

export interface AppProps {
  readonly spec: FormSpec;
  readonly origin: string;
  readonly formId: string;
  /** Makes element ids unique per mounted form. */
  readonly idPrefix: string;
}

type Phase =
  | { readonly kind: 'editing' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly retryAfter: number | undefined }
  | { readonly kind: 'delivered'; readonly redirecting: boolean }
  | { readonly kind: 'duplicate' };

interface ShownError {
  readonly code: FieldErrorCode;
  /** The Worker's verdict stays until the visitor changes that field. */
  readonly fromServer: boolean;
}
type ShownErrors = Readonly<Record<string, ShownError>>;

function without(errors: ShownErrors, name: string): ShownErrors {
  const { [name]: _, ...rest } = errors;
  return rest;
}

/** The form: renders the spec, validates with the shared schema, sends, and shows the outcome. */
export function App({ spec, origin, formId, idPrefix }: AppProps) {
  const t = useMemo(() => createTranslator(spec.locale), [spec.locale]);
  const blocks = useMemo(() => layoutFields(spec), [spec]);
  const schema = useMemo(() => buildLeadSchema(spec), [spec]);
  const [values, setValues] = useState<FormValues>(() => initialValues(spec));
  const [errors, setErrors] = useState<ShownErrors>({});
  const [unplaced, setUnplaced] = useState<readonly FieldError[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [focusRequest, setFocusRequest] = useState(0);
  const valuesRef = useRef(values);
  const inFlight = useRef(false);
  // One key per distinct lead: a retry of the same lead must reuse it, an edited lead must not.
  const attempt = useRef<{ readonly body: string; readonly key: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const idsOf = (field: FieldSpec) => fieldIds(idPrefix, field);
  const validate = (next: FormValues) => validateLead(spec, toLead(spec, next), schema);

  const focusById = (id: string) => {
    const target = formRef.current?.querySelector<HTMLElement>(`[id="${id}"]`);
    target?.focus();
  };

  const showErrors = (list: readonly FieldError[], fromServer: boolean) => {
    const placed = assignFieldErrors(spec, list);
    setErrors(Object.fromEntries([...placed.byField].map(([name, e]) => [name, { code: e.code, fromServer }])));
    setUnplaced(placed.unplaced);
    setFocusRequest((n) => n + 1);
  };

  // Re-checks only the errors already on screen, so nothing turns red while the visitor is still typing.
  const recheck = (next: FormValues) => {
    setErrors((current) => {
      if (!Object.values(current).some((e) => !e.fromServer)) return current;
      const result = validate(next);
      const fresh = assignFieldErrors(spec, result.success ? [] : result.errors).byField;
      const updated: Record<string, ShownError> = {};
      for (const [name, shown] of Object.entries(current)) {
        if (shown.fromServer) updated[name] = shown;
        else if (fresh.has(name)) updated[name] = { code: fresh.get(name)!.code, fromServer: false };
      }
      return updated;
    });
  };

  const onChange = (name: string, value: FieldValue, commit: boolean) => {
    const next = { ...valuesRef.current, [name]: value };
    valuesRef.current = next;
    setValues(next);
    setErrors((current) => (current[name]?.fromServer ? without(current, name) : current));
    if (commit) recheck(next);
  };

  const onBlur = () => recheck(valuesRef.current);

  const submit = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    const result = validate(valuesRef.current);
    if (!result.success) {
      setPhase({ kind: 'editing' });
      showErrors(result.errors, false);
      return;
    }
    setErrors({});
    setUnplaced([]);
    const body = JSON.stringify(result.lead);
    if (attempt.current?.body !== body) attempt.current = { body, key: createIdempotencyKey() };
    inFlight.current = true;
    setPhase({ kind: 'sending' });
    const outcome = await submitLead({ origin, formId, lead: result.lead, idempotencyKey: attempt.current.key });
    inFlight.current = false;
    switch (outcome.kind) {
      case 'delivered': {
        const redirect = httpUrl(spec.success.redirectUrl);
        setPhase({ kind: 'delivered', redirecting: redirect !== undefined });
        if (redirect) navigateTop(redirect);
        return;
      }
      case 'duplicate':
        setPhase({ kind: 'duplicate' });
        return;
      case 'invalid':
        setPhase({ kind: 'editing' });
        showErrors(outcome.fields, true);
        return;
      case 'failed':
        setPhase({ kind: 'failed', code: outcome.code, retryAfter: outcome.retryAfter });
        return;
    }
  };

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = spec.fields.find((f) => errors[f.name]);
    if (first) focusById(idsOf(first).focus);
    else summaryRef.current?.focus();
    // Runs once per submit that found errors, not on every later edit.
  }, [focusRequest]);

  useEffect(() => {
    if (phase.kind === 'delivered' || phase.kind === 'duplicate') resultRef.current?.focus();
    // The button was disabled while sending, which drops focus; give it back for the retry.
    if (phase.kind === 'failed') buttonRef.current?.focus();
  }, [phase.kind]);

  if (phase.kind === 'delivered' || phase.kind === 'duplicate') {
    const delivered = phase.kind === 'delivered';
    const message = delivered
      ? phase.redirecting
        ? t.text('result.redirecting')
        : (spec.success.message ?? t.text('result.success'))
      : t.text('result.duplicate');
    return (
      <div class="lg" lang={spec.locale}>
        <ResultPanel
          kind={phase.kind}
          title={t.text(delivered ? 'result.successTitle' : 'result.duplicateTitle')}
          message={message}
          panelRef={resultRef}
        />
      </div>
    );
  }

  const summary: SummaryItem[] = spec.fields
    .filter((f) => errors[f.name])
    .map((f) => ({
      key: f.name,
      label: fieldLabel(f, t),
      text: errorText(f, errors[f.name]!.code, t),
      focusId: idsOf(f).focus,
    }));
  if (unplaced.length > 0) summary.push({ key: 'unplaced', label: undefined, text: t.text('code.VALIDATION_FAILED'), focusId: undefined });

  const renderField = (field: FieldSpec) => (
    <Field
      key={field.name}
      field={field}
      value={values[field.name]}
      error={errors[field.name]?.code}
      ids={idsOf(field)}
      t={t}
      onChange={onChange}
      onBlur={onBlur}
    />
  );
  const renderBlock = (block: Block, index: number): JSX.Element => {
    if (block.kind === 'field') return renderField(block.field);
    if (block.kind === 'row')
      return (
        <div class={`row row-${block.shape}`} key={block.fields[0].name}>
          {block.fields.map(renderField)}
        </div>
      );
    return (
      <FieldGroup key={`group-${index}`} prefix={block.prefix} required={block.required} helpId={`${idPrefix}-group-${index}-help`} t={t}>
        {block.blocks.map(renderBlock)}
      </FieldGroup>
    );
  };

  const sending = phase.kind === 'sending';
  const titleId = `${idPrefix}-title`;
  const buttonText = sending
    ? t.text('form.sending')
    : phase.kind === 'failed' && isRetryable(phase.code)
      ? t.text('failure.retry')
      : (spec.texts.submit ?? t.text('form.submit'));

  return (
    <div class="lg" lang={spec.locale}>
      <form ref={formRef} noValidate aria-labelledby={spec.texts.title ? titleId : undefined} aria-busy={sending} onSubmit={submit}>
        {spec.texts.title && (
          <h2 class="title" id={titleId}>
            {spec.texts.title}
          </h2>
        )}
        {spec.texts.intro && <p class="intro">{spec.texts.intro}</p>}
        {spec.fields.some((f) => f.required) && <p class="note">{t.text('form.requiredNote')}</p>}
        <ErrorSummary items={summary} t={t} onJump={focusById} boxRef={summaryRef} />
        {blocks.map(renderBlock)}
        {phase.kind === 'failed' && <FailureNotice code={phase.code} retryAfter={phase.retryAfter} t={t} />}
        <div class="actions">
          <button ref={buttonRef} class="button" type="submit" disabled={sending}>
            {sending && <span class="spinner" aria-hidden="true" />}
            {buttonText}
          </button>
        </div>
        <p class="vh" role="status">
          {sending ? t.text('form.sending') : ''}
        </p>
      </form>
    </div>
  );
}
