import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

/** The production forms file: the one the production Worker's entry module bundles (edge/index.ts). */
export const PRODUCTION_FORMS = 'forms.json';

/** The options both commands take: `--config <file>`, `--account-id <id>`. */
export function commandLine(argv: readonly string[], extra: { domain?: boolean; generate?: boolean } = {}) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', default: 'wrangler.toml' },
      'account-id': { type: 'string' },
      ...(extra.domain ? { domain: { type: 'string' as const } } : {}),
      ...(extra.generate ? { generate: { type: 'boolean' as const, default: false } } : {}),
    },
    strict: true,
  });
  return {
    formsPath: PRODUCTION_FORMS,
    configPath: String(values.config),
    accountId: (values['account-id'] as string | undefined) ?? process.env.CLOUDFLARE_ACCOUNT_ID,
    domain: values.domain as string | undefined,
    generate: values.generate === true,
  };
}

/** Asks in the terminal without echoing the answer (a secret); undefined where there is no terminal. */
export function hiddenPrompt(): ((question: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      let muted = false;
      // readline echoes what is typed through _writeToOutput; after the question it writes nothing.
      const writable = rl as unknown as { _writeToOutput: (text: string) => void };
      writable._writeToOutput = (text) => {
        if (!muted) process.stdout.write(text);
      };
      rl.question(question, (answer) => {
        process.stdout.write('\n');
        rl.close();
        resolve(answer.trim());
      });
      muted = true;
    });
}
