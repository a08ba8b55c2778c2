/** Starts `gradlab serve --json` as a child process and connects a protocol client to it. */
import { spawn, type ChildProcess } from 'node:child_process';

import { LabClient } from '../../src/protocol/client.js';
import { socketTransport } from '../../src/protocol/transports.js';
import { openSocket } from './protocol-helpers.js';

const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;

export async function startHostProcess(home: string, extra: string[] = []): Promise<{ child: ChildProcess; client: LabClient; info: { port: number; token: string } }> {
  const child = spawn(process.execPath, [bin, 'serve', '--home', home, '--json', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  // a test that fails or times out must not leave its host running (it would also keep this process alive)
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
  });
  const info = JSON.parse(line) as { port: number; token: string };
  const socket = await openSocket(`ws://127.0.0.1:${info.port}/ws?token=${info.token}`);
  return { child, client: new LabClient(socketTransport(socket as never)), info };
}
