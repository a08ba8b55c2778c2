/**
 * Loaded with `node --import` before src/host/utility-entry.js in test E5.utility-entry: gives the
 * process an Electron-like process.parentPort over Node's IPC channel (messages as {data, ports}, no
 * ports), so the entry's own start-up and exit run as in a utility process.
 */
const parent = {
  on(_event: 'message', fn: (e: { data: unknown; ports: unknown[] }) => void) {
    process.on('message', (data) => fn({ data, ports: [] }));
  },
  postMessage(message: unknown) {
    process.send?.(message);
  },
};
(process as unknown as { parentPort?: unknown }).parentPort = parent;
process.channel?.unref(); // only the entry's own handles keep this process alive
