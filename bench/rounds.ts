/**
 * The order in which the servers take their turns, round after round (bench/run.ts).
 *
 * A server measured right after another shares Neo4j with what that one left behind: requests
 * still running when its load stopped (the peer's heaviest take seconds) and the garbage they
 * made. Turning the order by one place each round does not change who follows whom (ours, bare,
 * floor, peer; bare, floor, peer, ours; … puts ours after the peer every time), so the rounds
 * follow a Williams design instead: each row is an order of the n servers, and over the rows
 * each server comes right after each other one equally often (n rows for an even n; 2n, the rows
 * and their mirror images, for an odd n).
 */
export function roundOrders(n: number): number[][] {
  if (n < 1) return [];
  // 0, 1, n-1, 2, n-2, …: every difference between neighbours (mod n) once.
  const first = [0];
  for (let k = 1, low = 1, high = n - 1; k < n; k += 1) first.push(k % 2 === 1 ? low++ : high--);
  const rows = Array.from({ length: n }, (_, r) => first.map((server) => (server + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}
