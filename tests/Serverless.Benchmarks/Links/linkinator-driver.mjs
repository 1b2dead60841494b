// Drives linkinator's Node API for the link-check benchmark (LinkinatorSide.cs). Usage:
//   node linkinator-driver.mjs NPM_PREFIX
// NPM_PREFIX is where `npm install --prefix NPM_PREFIX linkinator@8.1.0` put it. Each line read from standard input is a
// JSON request {"url", "concurrency", "timeoutMs"}; each is answered by one JSON line on standard output:
// {"seconds", "links": [{"url", "status", "state", "redirected"}]} or {"error"}. The first line says it is
// {"ready", "version", "node"} or why not ({"error"}). The process stays up between
// requests, so V8 is as warm as the .NET side after the warm-up; it ends when standard input closes (the parent died).
import path from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';

const prefix = process.argv[2];
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
let linkinator;
let version;
try {
  const root = path.join(prefix, 'node_modules', 'linkinator');
  version = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')).version;
  linkinator = await import(pathToFileURL(path.join(root, 'build', 'src', 'index.js')).href);
} catch (error) {
  send({ error: `linkinator does not load from ${prefix} with Node.js ${process.version}: ${error.message}` });
  process.exit(1);
}
send({ ready: true, version, node: process.version });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  try {
    const checker = new linkinator.LinkChecker();
    const redirected = new Set();
    let started;
    checker.on('redirect', (info) => redirected.add(info.url));
    // The first result is the index page itself: the clock starts when it is in, as the .NET side is handed its URLs.
    checker.on('link', () => { started ??= process.hrtime.bigint(); });
    const result = await checker.check({
      path: request.url,
      concurrency: request.concurrency,
      timeout: request.timeoutMs,
      recurse: false,
      redirects: 'warn',
    });
    const ended = process.hrtime.bigint();
    const links = result.links
      .filter((link) => link.url !== request.url)
      .map((link) => ({ url: link.url, status: link.status ?? 0, state: link.state, redirected: redirected.has(link.url) }));
    send({ seconds: Number(ended - (started ?? ended)) / 1e9, links });
  } catch (error) {
    send({ error: `linkinator failed: ${error.stack ?? error}` });
  }
}
