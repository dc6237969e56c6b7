import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FieldError } from '../../shared/api-error';
import type { Attribution } from '../../shared/attribution';
import type { FormSpec } from '../../shared/form-spec';
import type { LeadgateEventDetail, LeadgateEventName } from '../../shared/frame-protocol';
import { createTranslator } from '../i18n/create-translator';
import type { Messages } from '../i18n/en';
import { useBotProof } from './bot-proof/use-bot-proof';
import { ErrorSummary } from './fields/ErrorSummary';
import { FieldBlocks } from './fields/FieldBlocks';
import type { FormValues } from './fields/form-values';
import { useFieldForm } from './fields/use-field-form';
import { httpUrl } from './http-url';
import { lazy } from './lazy';
import { EarlierNotice } from './outbox/EarlierNotice';
import { SavedPanel } from './outbox/SavedPanel';
import { useOutbox } from './outbox/use-outbox';
import { withAttribution } from './read-attribution';
import { createIdempotencyKey } from './submit/create-idempotency-key';
import { FailureNotice } from './submit/FailureNotice';
import { navigateTop } from './submit/navigate-top';
import type { FailureCode } from './submit/post-json';
import { ResultPanel } from './submit/ResultPanel';
import { isRetryable, type SubmitOutcome, shouldKeep, submitLead } from './submit/submit-lead';

export interface AppProps {
  readonly spec: FormSpec;
  readonly origin: string;
  readonly formId: string;
  readonly messages: Messages;
  /** Makes element ids unique per mounted form. */
  readonly idPrefix: string;
  /** The host page's events (see mount). */
  readonly onEvent: (name: LeadgateEventName, detail: LeadgateEventDetail) => void;
  readonly attribution: () => Attribution;
  /** What the visitor typed into the server-rendered form before the app hydrated it. */
  readonly initial?: FormValues | undefined;
  /**
   * Rendered by the Worker only: where the form posts without JavaScript (see
   * edge/routes/form-post.ts), and what that post was answered with.
   */
  readonly post?: { readonly action: string; readonly errors?: readonly FieldError[]; readonly notice?: string | undefined } | undefined;
}

type Phase =
  | { readonly kind: 'editing' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly retryAfter: number | undefined }
  /** Not sent, but kept on this device and resent until it arrives. */
  | { readonly kind: 'saved' }
  | {
      readonly kind: 'done';
      readonly result: 'delivered' | 'duplicate' | 'accepted';
      readonly submissionId: string;
      /** Kept in state only: whoever holds it may change the lead (see SubmitOutcome). */
      readonly profileKey?: string | undefined;
      readonly redirecting: boolean;
    };

// Only Virtuagym forms with a second step show it, and only after a delivered lead whose answer gave its key.
const ProfileStep = lazy(() => import('./profile/ProfileStep').then((m) => m.ProfileStep));

/** The form: renders the spec, validates with the shared schema, sends, and shows the outcome. */
export function App({ spec, origin, formId, messages, idPrefix, onEvent, attribution, initial, post }: AppProps) {
  const t = useMemo(() => createTranslator(spec.locale, messages), [spec.locale, messages]);
  const form = useFieldForm(spec, idPrefix, t, initial, post?.errors);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const inFlight = useRef(false);
  // One key per distinct lead: a retry of the same lead must reuse it, an edited lead must not.
  const attempt = useRef<{ readonly body: string; readonly key: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const trapRef = useRef<HTMLInputElement>(null);

  useEffect(() => onEvent('ready', { formId }), []);

  // Where a send ends, whether it was the visitor's submit or a resend of the kept lead.
  const settle = (outcome: SubmitOutcome, mayRedirect: boolean) => {
    switch (outcome.kind) {
      case 'invalid':
        setPhase({ kind: 'editing' });
        form.showErrors(outcome.fields, true);
        onEvent('error', { formId, code: 'VALIDATION_FAILED' });
        return;
      case 'failed':
        // The Worker holds another lead under this key; only a fresh key can send this one.
        if (outcome.code === 'IDEMPOTENCY_KEY_REUSED') attempt.current = null;
        setPhase({ kind: 'failed', code: outcome.code, retryAfter: outcome.retryAfter });
        onEvent('error', { formId, code: outcome.code });
        return;
      default: {
        onEvent('success', { formId, status: outcome.kind, submissionId: outcome.submissionId });
        // A success page may promise what only a delivered lead keeps; an accepted one says so in its own words.
        // A resend nobody pressed for may finish minutes later, when taking the page away would startle.
        const redirect = outcome.kind === 'delivered' && mayRedirect ? httpUrl(spec.success.redirectUrl) : undefined;
        // The whole outcome is kept (the ProfileStep takes its id and profile key); the event above names only what the page may see.
        setPhase({ ...outcome, kind: 'done', result: outcome.kind, redirecting: redirect !== undefined });
        if (redirect) navigateTop(redirect);
      }
    }
  };
  const [challengeFailed, setChallengeFailed] = useState(false);
  const bot = useBotProof(spec.bot, spec.locale, () => setChallengeFailed(true));
  const outbox = useOutbox({ formId, origin, sealKey: spec.outbox, onSettled: settle, proof: () => bot.proof(''), onSent: bot.spent });

  const submit = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    // A second click while the checker's chunk arrives must not send twice.
    inFlight.current = true;
    const result = await form.validate();
    inFlight.current = false;
    if (!result.success) {
      setPhase({ kind: 'editing' });
      form.showErrors(result.errors, false);
      return;
    }
    form.clearErrors();
    const lead = withAttribution(result.lead, attribution());
    const body = JSON.stringify(lead);
    if (attempt.current?.body !== body) attempt.current = { body, key: createIdempotencyKey() };
    const { key } = attempt.current;
    inFlight.current = true;
    setPhase({ kind: 'sending' });
    onEvent('submit', { formId });
    // Fetched while the lead travels, so a second step is there the moment it is offered.
    if (spec.profile) void ProfileStep.preload();
    outbox.preload();
    const proof = await bot.proof(trapRef.current?.value ?? '');
    const outcome = await submitLead({ origin, formId, lead, idempotencyKey: key, proof });
    bot.spent(outcome);
    inFlight.current = false;
    // Kept on this device, the lead survives the visitor leaving; without storage, the retry button is all we have.
    if (shouldKeep(outcome) && (await outbox.keep(key, lead, outcome.retryAfter))) {
      setPhase({ kind: 'saved' });
      onEvent('error', { formId, code: outcome.code });
    } else settle(outcome, true);
  };

  const profile = phase.kind === 'done' && phase.result === 'delivered' && !phase.redirecting && spec.profile?.fields.length ? spec.profile : undefined;

  useEffect(() => {
    // With a second step below, the heading is the calm place to land; alone, the panel reads whole.
    if (phase.kind === 'done') (profile ? headingRef : resultRef).current?.focus();
    // The button was disabled while sending, which drops focus; give it back for the retry.
    if (phase.kind === 'failed') buttonRef.current?.focus();
    if (phase.kind === 'saved') savedRef.current?.focus();
  }, [phase.kind]);

  if (phase.kind === 'saved') {
    return (
      <div class="lg" lang={spec.locale}>
        <SavedPanel state={outbox.kept} t={t} onSendNow={outbox.sendNow} panelRef={savedRef} />
        {spec.bot?.turnstile && <div class="challenge" ref={bot.challengeRef} />}
      </div>
    );
  }

  if (phase.kind === 'done') {
    const message =
      phase.result === 'duplicate'
        ? t.text('result.duplicate')
        : phase.result === 'accepted'
          ? t.text('result.accepted')
          : phase.redirecting
            ? t.text('result.redirecting')
            : (spec.success.message ?? t.text('result.success'));
    return (
      <div class="lg" lang={spec.locale}>
        <ResultPanel
          kind={phase.result}
          title={t.text(phase.result === 'duplicate' ? 'result.duplicateTitle' : 'result.successTitle')}
          message={message}
          panelRef={resultRef}
          headingRef={headingRef}
        />
        {profile && (
          <ProfileStep
            spec={spec}
            profile={profile}
            origin={origin}
            formId={formId}
            {...phase}
            bot={bot}
            idPrefix={`${idPrefix}-profile`}
            t={t}
            onEnd={() => headingRef.current?.focus()}
          />
        )}
      </div>
    );
  }

  const sending = phase.kind === 'sending';
  const titleId = `${idPrefix}-title`;
  const buttonText = sending
    ? t.text('form.sending')
    : phase.kind === 'failed' && isRetryable(phase.code)
      ? t.text('failure.retry')
      : (spec.texts.submit ?? t.text('form.submit'));

  return (
    <div class="lg" lang={spec.locale}>
      <EarlierNotice state={outbox.earlier} t={t} />
      <form
        ref={form.formRef}
        method={post && 'post'}
        action={post?.action}
        noValidate
        aria-labelledby={spec.texts.title ? titleId : undefined}
        aria-busy={sending}
        onSubmit={submit}
      >
        {spec.texts.title && (
          <h2 class="title" id={titleId}>
            {spec.texts.title}
          </h2>
        )}
        {spec.texts.intro && <p class="intro">{spec.texts.intro}</p>}
        {form.marksRequired && <p class="note">{t.text('form.requiredNote')}</p>}
        <ErrorSummary items={form.summary} t={t} onJump={form.focusById} boxRef={form.summaryRef} />
        <FieldBlocks form={form} />
        {/* A field people never see or reach; a script that fills every input fills it too. */}
        <div class="trap" aria-hidden="true">
          <label>
            {t.text('form.trap')}
            <input ref={trapRef} type="text" name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        {spec.bot?.turnstile && <div class="challenge" ref={bot.challengeRef} />}
        {challengeFailed && (
          <p class="error" role="alert">
            {t.text('challenge.failed')}
          </p>
        )}
        {post?.notice && (
          <p class="error" role="alert">
            {post.notice}
          </p>
        )}
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
