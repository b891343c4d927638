import { roundOrders } from '../../bench/rounds';

// The benchmark's order of turns: every row an order of all the servers, and over the rows each
// server right after each other one equally often, where turning the order by one place each
// round put the same server after the same one every time.

/** How often each server comes right after each other one, within the rows, by "before>after". */
function followers(rows: number[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows)
    for (let i = 1; i < row.length; i += 1) {
      const pair = `${row[i - 1]}>${row[i]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  return counts;
}

describe('roundOrders', () => {
  it.each([1, 2, 3, 4, 5, 6])('with %i servers, each row is an order of all of them', (n) => {
    const rows = roundOrders(n);
    expect(rows.length).toBe(n % 2 === 0 ? n : 2 * n);
    for (const row of rows) expect([...row].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it.each([2, 3, 4, 5, 6])('with %i servers, each server follows each other one equally often', (n) => {
    const counts = followers(roundOrders(n));
    // Every ordered pair of two servers, and the same count for each.
    expect(counts.size).toBe(n * (n - 1));
    expect(new Set(counts.values()).size).toBe(1);
  });

  it('puts ours (0) after each of the three others once in four rounds of four servers', () => {
    const before = roundOrders(4).map((row) => {
      const at = row.indexOf(0);
      return at > 0 ? row[at - 1] : null;
    });
    expect(before).toEqual([null, 2, 1, 3]);
  });
});
