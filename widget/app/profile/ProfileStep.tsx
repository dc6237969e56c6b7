import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FormSpec } from '../../../shared/form-spec';
import type { Translator } from '../../i18n/create-translator';
import type { MessageKey } from '../../i18n/en';
import type { BotProof } from '../bot-proof/use-bot-proof';
import { ErrorSummary } from '../fields/ErrorSummary';
import { FieldBlocks } from '../fields/FieldBlocks';
import { useFieldForm } from '../fields/use-field-form';
import { FailureNotice } from '../submit/FailureNotice';
import type { FailureCode } from '../submit/post-json';
import { isRetryable } from '../submit/submit-lead';
import { profileAnswers } from './profile-answers';
import { submitProfile } from './submit-profile';

interface ProfileStepProps {
  readonly spec: FormSpec;
  readonly profile: NonNullable<FormSpec['profile']>;
  readonly origin: string;
  readonly formId: string;
  /** The delivered lead the answers update. */
  readonly submissionId: string;
  /**
   * The capability the first step's answer gave for this update, kept in memory only. Without
   * one (a repeat's answer) there is no second step: the Worker would refuse it.
   */
  readonly profileKey?: string | undefined;
  /** The form's bot check: the step carries a person's proof as the first step did. */
  readonly bot: BotProof;
  readonly idPrefix: string;
  readonly t: Translator;
  /** The step is over (sent, declined or not possible): focus goes back to the panel. */
  readonly onEnd: () => void;
}

type Phase =
  | { readonly kind: 'editing' }
  | { readonly kind: 'sending' }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly retryAfter: number | undefined }
  | { readonly kind: 'ended'; readonly message: MessageKey };

/**
 * The optional second step under a delivered lead's thanks: a few more
 * answers that update the same lead. The visitor has already succeeded, so
 * every way this ends is polite, and none takes that success back.
 */
export function ProfileStep({ spec, profile, origin, formId, submissionId, profileKey, bot, idPrefix, t, onEnd }: ProfileStepProps) {
  // All optional, and checked with the same shared schema as the first step.
  const profileSpec = useMemo<FormSpec>(() => ({ ...spec, fields: profile.fields, rules: [] }), [spec, profile]);
  const form = useFieldForm(profileSpec, idPrefix, t);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const inFlight = useRef(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const end = (message: MessageKey) => setPhase({ kind: 'ended', message });

  useEffect(() => {
    if (phase.kind === 'ended') onEnd();
    // The button was disabled while sending, which drops focus; give it back for the retry.
    if (phase.kind === 'failed') buttonRef.current?.focus();
  }, [phase.kind]);

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
    const answers = profileAnswers(result.lead);
    // Nothing filled in is a "no thanks", not an empty update.
    if (!answers) return end('profile.declined');
    inFlight.current = true;
    setPhase({ kind: 'sending' });
    const proof = await bot.proof('');
    const outcome = await submitProfile({ origin, formId, submissionId, profileKey: profileKey!, profile: answers, proof });
    bot.spent(outcome);
    inFlight.current = false;
    if (outcome.kind === 'updated') return end('profile.updated');
    if (outcome.kind === 'invalid') {
      setPhase({ kind: 'editing' });
      form.showErrors(outcome.fields, true);
      return;
    }
    if (isRetryable(outcome.code)) setPhase({ kind: 'failed', code: outcome.code, retryAfter: outcome.retryAfter });
    else end('profile.unavailable');
  };

  if (!profileKey) return null;
  const sending = phase.kind === 'sending';
  const titleId = `${idPrefix}-title`;
  return (
    <div class="profile">
      {phase.kind !== 'ended' && (
        <form ref={form.formRef} noValidate aria-labelledby={titleId} aria-busy={sending} onSubmit={submit}>
          <h3 class="profile-title" id={titleId}>
            {profile.title ?? t.text('profile.title')}
          </h3>
          {profile.intro && <p class="intro">{profile.intro}</p>}
          <ErrorSummary items={form.summary} t={t} onJump={form.focusById} boxRef={form.summaryRef} />
          <FieldBlocks form={form} />
          {spec.bot?.turnstile && <div class="challenge" ref={bot.challengeRef} />}
          {phase.kind === 'failed' && (
            <FailureNotice code={phase.code} retryAfter={phase.retryAfter} t={t} title={t.text('profile.notSent')} text={t.text('profile.notSentText')} />
          )}
          <div class="actions">
            <button ref={buttonRef} class="button" type="submit" disabled={sending}>
              {sending && <span class="spinner" aria-hidden="true" />}
              {t.text(sending ? 'form.sending' : phase.kind === 'failed' ? 'failure.retry' : 'profile.send')}
            </button>
            <button class="button button-quiet" type="button" disabled={sending} onClick={() => end('profile.declined')}>
              {t.text('profile.skip')}
            </button>
          </div>
          <p class="vh" role="status">
            {sending ? t.text('form.sending') : ''}
          </p>
        </form>
      )}
      {/* In the DOM from the start: screen readers only announce changes to a region they already know. */}
      <p class="live profile-outcome" role="status">
        {phase.kind === 'ended' && t.text(phase.message)}
      </p>
    </div>
  );
}
