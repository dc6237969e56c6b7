import { useEffect, useRef, useState } from 'preact/hooks';
import { LOCALES } from '../shared/locales';
import { ApiError, api, describeError } from './api';
import { type ConfigDraft, type ConfigIssue, type FormConfigAnswer, OPTIONAL_FIELDS, read, write } from './form-config-draft';
import type { PreviewMessage } from './preview';
import { usePageTitle } from './use-page-title';

const TEXT_KEYS = [
  ['title', 'Title'],
  ['intro', 'Introduction'],
  ['submit', 'Submit button'],
] as const;

/** A text input bound to one path of the draft. */
function TextField(props: { id: string; label: string; draft: ConfigDraft; path: string; onChange: (d: ConfigDraft) => void; multiline?: boolean }) {
  const value = (read(props.draft, props.path) as string | undefined) ?? '';
  const set = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => props.onChange(write(props.draft, props.path, e.currentTarget.value));
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? <textarea id={props.id} rows={2} value={value} onInput={set} /> : <input id={props.id} type="text" value={value} onInput={set} />}
    </div>
  );
}

/** A whole number input bound to one path; empty removes the key (the default applies). */
function NumberField(props: { id: string; label: string; draft: ConfigDraft; path: string; onChange: (d: ConfigDraft) => void }) {
  const value = read(props.draft, props.path);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        value={typeof value === 'number' ? String(value) : ''}
        onInput={(e) => {
          const text = e.currentTarget.value.trim();
          props.onChange(write(props.draft, props.path, text === '' ? undefined : Number(text)));
        }}
      />
    </div>
  );
}

/** What a refused publish or preview says, in the operator's words. */
function refusal(error: unknown): { message: string; issues: ConfigIssue[] } {
  if (!(error instanceof ApiError)) return { message: describeError(error), issues: [] };
  const body = (error.body.error ?? {}) as { expectedVersion?: number; currentVersion?: number; issues?: ConfigIssue[]; secrets?: string[] };
  if (error.code === 'FORM_VERSION_CONFLICT') {
    return {
      message: `Someone else published version ${body.currentVersion ?? '?'} while you edited version ${body.expectedVersion ?? '?'}. Nothing was changed: reload to see their version, then make your change again.`,
      issues: [],
    };
  }
  if (error.code === 'FORM_SECRET_MISSING') {
    return { message: `The form names Worker secrets the Worker does not have: ${(body.secrets ?? []).join(', ')}. Nothing was changed.`, issues: [] };
  }
  return { message: describeError(error), issues: body.issues ?? [] };
}

/**
 * The form editor: structured fields over the form's config (texts, labels, optional fields,
 * consent, origins, rate limits), a live preview of the real widget with the draft, and Publish
 * with the version it was based on, so a concurrent change is refused instead of overwritten.
 */
export function FormEditor(props: { formId: string }) {
  const { formId } = props;
  usePageTitle(`Edit form ${formId}`);
  const path = `/forms/${encodeURIComponent(formId)}/config`;
  const [loaded, setLoaded] = useState<FormConfigAnswer | null>(null);
  const [draft, setDraft] = useState<ConfigDraft | null>(null);
  const [locale, setLocale] = useState<string>('en');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<{ message: string; issues: ConfigIssue[] } | null>(null);
  const [previewProblem, setPreviewProblem] = useState<{ message: string; issues: ConfigIssue[] } | null>(null);
  const [status, setStatus] = useState('');
  const [newLabelField, setNewLabelField] = useState('');
  const frame = useRef<HTMLIFrameElement>(null);
  const [frameReady, setFrameReady] = useState(false);

  const reload = () =>
    api<FormConfigAnswer>(path)
      .then((answer) => {
        setLoaded(answer);
        setDraft(answer.config);
        setLocale((answer.config.defaultLocale as string | undefined) ?? 'en');
        setProblem(null);
      })
      .catch((e) => setProblem(refusal(e)));
  useEffect(() => void reload(), [path]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin === location.origin && event.source === frame.current?.contentWindow && event.data?.type === 'leadgate-preview-ready')
        setFrameReady(true);
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, []);

  // The preview follows the draft, a moment after the last keystroke.
  useEffect(() => {
    if (!draft || !frameReady) return;
    const timer = setTimeout(() => {
      api<{ spec: PreviewMessage['spec'] }>(`${path}/preview`, { method: 'POST', body: { config: draft, locale } })
        .then(({ spec }) => {
          setPreviewProblem(null);
          frame.current?.contentWindow?.postMessage({ type: 'leadgate-preview', formId, spec } satisfies PreviewMessage, location.origin);
        })
        .catch((e) => setPreviewProblem(refusal(e)));
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, locale, frameReady, path, formId]);

  const publish = async (event: Event) => {
    event.preventDefault();
    if (!draft || !loaded) return;
    setProblem(null);
    setStatus('');
    try {
      const answer = await api<{ version: number }>(path, {
        method: 'PUT',
        body: { baseVersion: loaded.version, config: draft, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      setStatus(`Published version ${answer.version}. It is live within the spec cache's time.`);
      setNote('');
      await reload();
    } catch (e) {
      setProblem(refusal(e));
    }
  };

  if (!draft || !loaded) {
    return (
      <>
        <h1 tabIndex={-1}>Edit form {formId}</h1>
        {problem ? (
          <p class="error" role="alert">
            {problem.message}
          </p>
        ) : (
          <p class="loading">Loading…</p>
        )}
      </>
    );
  }

  const update = (next: ConfigDraft) => setDraft(next);
  const optional = read(draft, 'optionalFields') as string[] | undefined;
  const labels = (read(draft, `labels.${locale}`) as Record<string, { label?: string; help?: string }> | undefined) ?? {};
  const origins = ((read(draft, 'allowedOrigins') as string[] | undefined) ?? []).join('\n');

  return (
    <>
      <p class="crumbs">
        <a href="#/">Forms</a> / <a href={`#/forms/${encodeURIComponent(formId)}`}>{formId}</a> / edit
      </p>
      <h1 tabIndex={-1}>Edit form {formId}</h1>
      <p>
        Version {loaded.version} (
        {loaded.source === 'file' ? 'from the bundled forms file' : `published${loaded.publishedBy ? ` by ${loaded.publishedBy}` : ''}`}).
        {loaded.missingSecrets && loaded.missingSecrets.length > 0 && (
          <strong class="warning"> The Worker lacks the secrets {loaded.missingSecrets.join(', ')}: publishing is refused until they are set.</strong>
        )}
      </p>
      <div class="editor">
        <form class="editor-fields" onSubmit={publish}>
          <fieldset>
            <legend>Language of the texts</legend>
            <div class="field">
              <label for="edit-locale">Language</label>
              <select id="edit-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>Texts ({locale})</legend>
            {TEXT_KEYS.map(([key, label]) => (
              <TextField
                key={key}
                id={`edit-text-${key}`}
                label={label}
                draft={draft}
                path={`texts.${locale}.${key}`}
                onChange={update}
                multiline={key === 'intro'}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>Field labels ({locale})</legend>
            {Object.keys(labels).map((field) => (
              <div key={field} class="label-pair">
                <TextField id={`edit-label-${field}`} label={`Label of ${field}`} draft={draft} path={`labels.${locale}.${field}.label`} onChange={update} />
                <TextField id={`edit-help-${field}`} label={`Help for ${field}`} draft={draft} path={`labels.${locale}.${field}.help`} onChange={update} />
              </div>
            ))}
            <div class="field inline">
              <label for="edit-new-label">Another field's label (its name, e.g. phone)</label>
              <input id="edit-new-label" type="text" value={newLabelField} onInput={(e) => setNewLabelField(e.currentTarget.value.trim())} />
              <button
                type="button"
                class="secondary"
                disabled={!newLabelField || newLabelField.includes('.')}
                onClick={() => {
                  update(write(draft, `labels.${locale}.${newLabelField}.label`, newLabelField));
                  setNewLabelField('');
                }}
              >
                Add label
              </button>
            </div>
          </fieldset>
          <fieldset>
            <legend>Optional fields shown</legend>
            <div class="field">
              <label>
                <input
                  type="checkbox"
                  checked={optional === undefined}
                  onChange={(e) => update(write(draft, 'optionalFields', e.currentTarget.checked ? undefined : []))}
                />{' '}
                Every optional field the vendor has
              </label>
            </div>
            {optional !== undefined &&
              OPTIONAL_FIELDS.map((field) => (
                <div class="field" key={field}>
                  <label>
                    <input
                      type="checkbox"
                      checked={optional.includes(field)}
                      onChange={(e) =>
                        update(write(draft, 'optionalFields', e.currentTarget.checked ? [...optional, field] : optional.filter((f) => f !== field)))
                      }
                    />{' '}
                    {field}
                  </label>
                </div>
              ))}
          </fieldset>
          <fieldset>
            <legend>Consent</legend>
            <TextField id="edit-privacy-url" label="Privacy policy URL" draft={draft} path="consent.privacyPolicyUrl" onChange={update} />
            <TextField id="edit-consent-text" label={`Consent text (${locale})`} draft={draft} path={`consent.text.${locale}`} onChange={update} multiline />
            <div class="field">
              <label for="edit-marketing">Marketing consent</label>
              <select
                id="edit-marketing"
                value={(read(draft, 'consent.marketing') as string | undefined) ?? 'matrix'}
                onChange={(e) => update(write(draft, 'consent.marketing', e.currentTarget.value))}
              >
                <option value="matrix">The vendor's matrix (channel by channel)</option>
                <option value="single">One checkbox</option>
                <option value="none">Not asked</option>
              </select>
            </div>
          </fieldset>
          <fieldset>
            <legend>Where it may be embedded</legend>
            <div class="field">
              <label for="edit-origins">Allowed origins, one a line (https://www.gym.example, https://*.gym.example)</label>
              <textarea
                id="edit-origins"
                rows={3}
                value={origins}
                onInput={(e) =>
                  update(
                    write(
                      draft,
                      'allowedOrigins',
                      e.currentTarget.value
                        .split('\n')
                        .map((s) => s.trim())
                        .filter(Boolean),
                    ),
                  )
                }
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>Rate limits (submissions per minute; empty: the Worker's default)</legend>
            <NumberField id="edit-rate-client" label="Per visitor address" draft={draft} path="rateLimit.perClient" onChange={update} />
            <NumberField id="edit-rate-form" label="For the whole form" draft={draft} path="rateLimit.perForm" onChange={update} />
            <NumberField id="edit-rate-token" label="Per form token and hour" draft={draft} path="rateLimit.perTokenPerHour" onChange={update} />
          </fieldset>
          <div class="field">
            <label for="edit-note">What changed (kept in the version history)</label>
            <input id="edit-note" type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          {problem && (
            <div class="error" role="alert">
              <p>{problem.message}</p>
              {problem.issues.length > 0 && (
                <ul>
                  {problem.issues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>
                      <code>{issue.path || '(form)'}</code>: {issue.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <p class="status" role="status">
            {status}
          </p>
          <button type="submit">Publish</button>
        </form>
        <section class="editor-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Live preview</h2>
          {previewProblem && (
            <div class="error" role="alert">
              <p>The draft cannot be previewed: {previewProblem.message}</p>
              <ul>
                {previewProblem.issues.map((issue) => (
                  <li key={`${issue.path}:${issue.message}`}>
                    <code>{issue.path || '(form)'}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <iframe ref={frame} title="Preview of the form with this draft" src="./preview.html" class="preview-frame" />
        </section>
      </div>
    </>
  );
}
