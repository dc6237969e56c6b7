/**
 * The widget's only styles. They enter the shadow root as a constructed
 * stylesheet, so a host page whose CSP forbids inline styles still shows them.
 * Hosts theme the form with --leadgate-accent, --leadgate-radius, --leadgate-font,
 * --leadgate-spacing (and --leadgate-accent-text, --leadgate-surface,
 * --leadgate-text); custom properties pass `all: initial`. A dark palette
 * comes with `data-leadgate-theme="dark"` on the host element (`auto`: the
 * visitor's system setting); light is the default.
 */
export const widgetCss = /* css */ `
:host{all:initial;display:block}
.lg-frame{container:lg/inline-size}
.lg{
  --a:var(--leadgate-accent,#2454d6);
  --a-text:var(--leadgate-accent-text,#fff);
  --r:var(--leadgate-radius,10px);
  --fg:var(--leadgate-text,#17202e);
  --muted:#4f5b6d;
  --line:#7c8798;
  --soft:#e3e7ee;
  --bg:var(--leadgate-surface,#fff);
  --field:#fff;
  --err:#b3261e;
  --err-bg:#fdf0ef;
  --ok:#17804a;
  --sp:var(--leadgate-spacing,20px);
  color-scheme:light;
  box-sizing:border-box;
  font-family:var(--leadgate-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
  font-size:16px;
  line-height:1.5;
  color:var(--fg);
  background:var(--bg);
  border-radius:calc(var(--r) * 1.6);
  padding:clamp(var(--sp),5cqi,calc(var(--sp) * 1.8));
  text-align:start;
  -webkit-text-size-adjust:100%;
}
.lg *,.lg *::before,.lg *::after{box-sizing:inherit}
.lg form{display:grid;gap:var(--sp);margin:0}
.title{margin:0;font-size:1.6em;line-height:1.2;font-weight:750;letter-spacing:-.01em}
.intro{margin:-8px 0 0;color:var(--muted)}
.note{margin:-8px 0 0;font-size:.875em;color:var(--muted)}
.trap{position:absolute!important;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.challenge:empty{display:none}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}

.row{display:grid;gap:var(--sp)}
@container lg (min-width:520px){
  .row-even{grid-template-columns:1fr 1fr}
  .row-wide-narrow{grid-template-columns:1fr 8.5em}
  .row-narrow-wide{grid-template-columns:8.5em 1fr}
}

.field{display:grid;gap:6px;min-width:0;margin:0;padding:0;border:0}
.label{display:block;padding:0;font-weight:600;line-height:1.35}
.req{color:var(--err);margin-inline-start:2px}
.opt{font-weight:400;color:var(--muted)}
.help{margin:0;font-size:.875em;color:var(--muted)}
.error{display:flex;gap:6px;align-items:flex-start;margin:0;font-size:.9em;font-weight:600;color:var(--err)}
.error svg{flex:none;width:18px;height:18px;margin-top:1px}

.control{
  display:block;width:100%;min-height:48px;margin:0;padding:10px 14px;
  font:inherit;color:inherit;background:var(--field);
  border:1.5px solid var(--line);border-radius:var(--r);
  transition:border-color .15s;
  appearance:none;-webkit-appearance:none;
}
textarea.control{min-height:112px;resize:vertical}
select.control{
  padding-inline-end:40px;cursor:pointer;
  background-image:linear-gradient(45deg,transparent 50%,currentColor 50%),linear-gradient(135deg,currentColor 50%,transparent 50%);
  background-position:calc(100% - 20px) 50%,calc(100% - 14px) 50%;
  background-size:6px 6px;background-repeat:no-repeat;
}
input[type=date].control{min-width:0}
.control:hover{border-color:var(--fg)}
/* focus-within too: in a shadow root, a date input's focus sits in its own inner fields. */
.control:focus,.control:focus-within{outline:2px solid var(--a);outline-offset:2px;border-color:var(--a)}
.control[aria-invalid=true]{border-color:var(--err);border-width:2px}
.control[aria-invalid=true]:focus,.control[aria-invalid=true]:focus-within{outline-color:var(--err)}

.options{display:flex;flex-wrap:wrap;gap:8px 12px}
.options-stack{flex-direction:column;gap:4px}
.option,.check,.chip{display:flex;align-items:center;gap:10px;min-height:44px;cursor:pointer}
.option{padding:0 14px 0 10px;border:1.5px solid var(--soft);border-radius:var(--r)}
.options-stack .option{border:0;padding:0}
.option:has(input:checked){border-color:var(--a);background:color-mix(in srgb,var(--a) 7%,transparent)}
.options-stack .option:has(input:checked){background:none}
.lg input[type=checkbox],.lg input[type=radio]{
  flex:none;width:22px;height:22px;margin:0;accent-color:var(--a);cursor:pointer;
}
.lg input[type=checkbox]:focus-visible,.lg input[type=radio]:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.check{align-items:flex-start}
.check input{margin-top:1px!important}
.check label{cursor:pointer}
.field-invalid .check input,.field-invalid .option input{outline:2px solid var(--err);outline-offset:1px}

.lg a{color:var(--a);text-decoration:underline;text-underline-offset:2px;font-weight:600}
.lg a:focus-visible{outline:3px solid var(--a);outline-offset:2px;border-radius:2px}

.group{display:grid;gap:16px;min-width:0;margin:4px 0 0;padding:18px 0 0;border:0;border-top:1px solid var(--soft)}
.group-legend{float:left;width:100%;padding:0;margin-bottom:-2px;font-weight:700;font-size:1.05em}
.group-legend+*{clear:both}

.matrix-rows{display:grid;gap:0;border:1px solid var(--soft);border-radius:var(--r)}
.matrix-row{display:grid;gap:4px 16px;padding:10px 14px;border-top:1px solid var(--soft)}
.matrix-row:first-child{border-top:0}
.matrix-cat{font-weight:600;align-self:center}
.chips{display:flex;flex-wrap:wrap;gap:4px 18px}
@container lg (min-width:520px){.matrix-row{grid-template-columns:minmax(9em,1fr) 2fr}}

.live:empty{position:absolute}
.summary{padding:16px 18px;border:2px solid var(--err);border-radius:var(--r);background:var(--err-bg)}
.summary:focus{outline:3px solid var(--err);outline-offset:2px}
.summary-title{display:flex;gap:8px;align-items:center;margin:0 0 6px;font-weight:700;font-size:1.05em;color:var(--err)}
.summary-title svg{width:20px;height:20px;flex:none}
.summary ul{margin:0;padding-inline-start:22px}
.summary li{margin:2px 0}
.summary a{color:var(--err)}

.notice{display:grid;gap:4px;padding:14px 16px;border-radius:var(--r);border-inline-start:5px solid var(--err);background:var(--err-bg)}
.notice-title{margin:0;font-weight:700}
.notice p{margin:0}

.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.button{
  display:inline-flex;align-items:center;justify-content:center;gap:10px;
  width:100%;min-height:52px;margin:0;padding:12px 28px;
  font:inherit;font-weight:700;font-size:1.05em;color:var(--a-text);background:var(--a);
  border:0;border-radius:var(--r);cursor:pointer;
  box-shadow:0 1px 2px rgb(0 0 0/.12),0 4px 14px color-mix(in srgb,var(--a) 28%,transparent);
  transition:filter .15s,transform .05s;
}
.button:hover{filter:brightness(1.08)}
.button:active{transform:translateY(1px)}
.button:focus-visible{outline:3px solid var(--a);outline-offset:3px}
.button:disabled,.button[aria-disabled=true]{cursor:progress;filter:saturate(.6) brightness(1.1)}
@container lg (min-width:520px){.button{width:auto}}
.spinner{width:18px;height:18px;border:2.5px solid currentColor;border-inline-end-color:transparent;border-radius:50%;animation:lg-spin .8s linear infinite}
@keyframes lg-spin{to{transform:rotate(1turn)}}

.result{display:grid;justify-items:center;gap:10px;padding:20px 8px;text-align:center}
.result:focus{outline:none}
.result-icon{display:grid;place-items:center;width:64px;height:64px;border-radius:50%;color:var(--a-text);background:var(--a)}
.result-icon svg{width:34px;height:34px}
.result-title{margin:6px 0 0;font-size:1.5em;line-height:1.2;font-weight:750}
.result p{margin:0;max-width:34em;color:var(--muted)}
.result-title:focus{outline:none}
.result-icon-wait{color:var(--a);background:color-mix(in srgb,var(--a) 12%,transparent)}
.saved-actions{justify-content:center}
.earlier{margin:0}
.earlier:not(:empty){margin-bottom:20px;padding:12px 16px;border-radius:var(--r);background:color-mix(in srgb,var(--a) 8%,transparent)}
.earlier-lost:not(:empty){border-inline-start:5px solid var(--err);background:var(--err-bg)}

.profile{display:grid;gap:16px}
.profile form{padding-top:24px;border-top:1px solid var(--soft)}
.profile-title{margin:0;font-size:1.2em;line-height:1.3;font-weight:700}
.profile-outcome{margin:0}
.profile-outcome:not(:empty){padding:14px 16px;border-radius:var(--r);background:color-mix(in srgb,var(--a) 8%,transparent);text-align:center;font-weight:600}
.button-quiet{color:var(--a);background:none;box-shadow:none;border:1.5px solid color-mix(in srgb,var(--a) 45%,transparent)}
.button-quiet:hover{filter:none;background:color-mix(in srgb,var(--a) 7%,transparent)}

/* Dark: set by the host (data-leadgate-theme="dark"), or by the visitor's system with "auto". */
:host([data-leadgate-theme=dark]) .lg{--a:var(--leadgate-accent,#8aa8ff);--a-text:var(--leadgate-accent-text,#0b1220);--fg:var(--leadgate-text,#e9edf4);--muted:#aab3c2;--line:#7d889b;--soft:#343d4c;--bg:var(--leadgate-surface,#161b24);--field:#0e1219;--err:#ff8f86;--err-bg:#3b1816;--ok:#5fd39a;color-scheme:dark}
@media (prefers-color-scheme:dark){:host([data-leadgate-theme=auto]) .lg{--a:var(--leadgate-accent,#8aa8ff);--a-text:var(--leadgate-accent-text,#0b1220);--fg:var(--leadgate-text,#e9edf4);--muted:#aab3c2;--line:#7d889b;--soft:#343d4c;--bg:var(--leadgate-surface,#161b24);--field:#0e1219;--err:#ff8f86;--err-bg:#3b1816;--ok:#5fd39a;color-scheme:dark}}

@media (prefers-reduced-motion:reduce){.lg *{transition:none!important;animation-duration:2s!important}}
@media (forced-colors:active){.button{border:2px solid ButtonText}.option:has(input:checked){outline:2px solid Highlight}}
`;
