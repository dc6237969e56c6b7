import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Response headers for `file` from `file.headers` beside it (`Name: value` lines), as a gym's server would set them. */
async function sidecarHeaders(file: string): Promise<Record<string, string>> {
  try {
    const text = await readFile(`${file}.headers`, 'utf8');
    return Object.fromEntries(
      text
        .split('\n')
        .map((line) => /^([\w-]+):\s*(.+)$/.exec(line.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!, m[2]!]),
    );
  } catch {
    return {};
  }
}

/** Serves a folder of host pages on its own origin, as a gym's website would be; `x.html.headers` adds headers to `x.html`. */
export async function startStaticServer(options: { dir: string; port: number }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(options.dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...(await sidecarHeaders(file)) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://localhost:${options.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
