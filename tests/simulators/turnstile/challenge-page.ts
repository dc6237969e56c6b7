/** The path of the challenge frame's script, beside the frame itself. */
export const CHALLENGE_SCRIPT_PATH = '/turnstile/v0/__challenge.js';

/**
 * The challenge frame's CSP: its own script and its own `__token`, nothing inline. Any page may
 * frame it; FACT: the widget's allowed domains are checked on the challenge, not on framing.
 */
export const CHALLENGE_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * The document api.js puts in each widget's iframe, standing in for Cloudflare's challenge page;
 * everything it shows comes from its script, which reads the widget's parameters from the URL.
 */
export const CHALLENGE_PAGE = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Cloudflare Turnstile (simulator)</title>
</head>
<body>
<script src="${CHALLENGE_SCRIPT_PATH}"></script>
</body>
</html>
`;
