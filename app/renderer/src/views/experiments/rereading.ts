/**
 * Reading a stored run inside an effect: `read` at once and, while the run (or one of the runs) is
 * active, again every 1.5 s; the effect's cleanup stops the timer and makes `alive()` false, so an
 * answer that comes late never lands on a view that has moved on.
 *   useEffect(() => rereading((alive) => void client.request(…).then((r) => alive() && show(r)), active), [...]);
 */
export const REREAD_MS = 1500;

export function rereading(read: (alive: () => boolean) => void, active: boolean): () => void {
  let alive = true;
  const isAlive = () => alive;
  read(isAlive);
  const timer = active ? setInterval(() => read(isAlive), REREAD_MS) : null;
  return () => {
    alive = false;
    if (timer) clearInterval(timer);
  };
}
