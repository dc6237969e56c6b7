import { useState } from 'preact/hooks';

/** One copyable snippet: the text in a read-only box and a button that copies it. */
function Snippet(props: { id: string; label: string; copyLabel: string; text: string }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied('Copied');
    } catch {
      // No clipboard (an insecure origin, a refused permission): select it for the operator to copy.
      document.querySelector<HTMLTextAreaElement>(`#${props.id}`)?.select();
      setCopied('Selected: press Ctrl+C to copy');
    }
  };
  return (
    <div class="snippet">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} readOnly rows={props.text.split('\n').length} value={props.text} />
      <button type="button" class="secondary" onClick={copy}>
        {props.copyLabel}
      </button>{' '}
      <span role="status">{copied}</span>
    </div>
  );
}

/** The form's embed code on this Worker's origin, as the README's "Embedding the form" gives it. */
export function EmbedCode(props: { formId: string }) {
  const origin = location.origin;
  const id = props.formId;
  const script = `<script async src="${origin}/widget.js" data-leadgate-form="${id}"></script>`;
  const iframe = `<iframe src="${origin}/embed/${id}" title="Trial form" width="100%" height="760" loading="lazy"></iframe>`;
  const csp = [
    `script-src  ${origin}   # widget.js and its app chunk`,
    `connect-src ${origin}   # the form spec and the submission`,
    `frame-src   ${origin}   # only for the iframe embed`,
    '# with Turnstile (botCheck.turnstile) also:',
    'script-src  https://challenges.cloudflare.com',
    'frame-src   https://challenges.cloudflare.com',
  ].join('\n');
  return (
    <section aria-labelledby="embed-heading">
      <h2 id="embed-heading">Embed code</h2>
      <p>The host page's origin must be one of the form's allowed origins.</p>
      <Snippet id="embed-script" label="Script tag" copyLabel="Copy the script tag" text={script} />
      <Snippet id="embed-iframe" label="Iframe tag" copyLabel="Copy the iframe tag" text={iframe} />
      <Snippet id="embed-csp" label="CSP lines" copyLabel="Copy the CSP lines" text={csp} />
    </section>
  );
}
