//! The least-cost assignment with capacities (a transportation problem):
//! each row goes to one column, column `j` takes at most `cap[j]` rows.
//! Successive shortest augmenting paths with potentials (the Hungarian
//! method generalised to capacities, i.e. min-cost flow on a bipartite
//! graph): for each row a dense Dijkstra over the columns, O(n·k²) worst
//! case, far less in practice because rows start at their row minimum
//! and most are placed greedily. Exact and deterministic.
//!
//! Written here rather than taken from a crate: `pathfinding`'s
//! `kuhn_munkres` needs a square weight matrix, so capacities mean one
//! column per mentor *place*, and took 1.8–2.4 s for 2,000 mentees ×
//! 1,000 mentors of capacity 2; keeping a mentor as one column with a
//! capacity halves the columns and keeps the search short
//! (benches/matching.rs).

/// Assigns each of `rows` rows to a column (`cols` columns, row-major
/// costs `c`), at most `cap[j]` rows to column `j`, at the least total
/// cost. The caps must add up to at least `rows`.
pub fn assign(rows: usize, cols: usize, c: &[i64], cap: &[u32]) -> Vec<usize> {
    assert_eq!(c.len(), rows * cols);
    assert_eq!(cap.len(), cols);
    assert!(
        cap.iter().map(|&x| x as usize).sum::<usize>() >= rows,
        "not enough places"
    );
    const INF: i64 = i64::MAX / 4;
    let mut u = vec![0i64; rows];
    let mut v = vec![0i64; cols];
    let mut of_row = vec![usize::MAX; rows];
    let mut in_col: Vec<Vec<usize>> = vec![vec![]; cols];
    // Row minima are feasible duals; a column with room at a row's minimum
    // takes the row at once.
    for i in 0..rows {
        let row = &c[i * cols..(i + 1) * cols];
        let min = row.iter().copied().min().unwrap_or(0);
        u[i] = min;
        if let Some(j) = (0..cols).find(|&j| row[j] == min && (in_col[j].len() as u32) < cap[j]) {
            of_row[i] = j;
            in_col[j].push(i);
        }
    }
    // A column reached for good is taken out of the search by lowering
    // its potential by OFF for the rest of the search (so a row's reduced
    // cost to it stays at or above INF and never relaxes it) and setting
    // its tentative distance to INF (so it is never nearest again); its
    // distance is kept in `dist_col`. One branch-light pass per row.
    const OFF: i64 = 2 * INF;
    let mut minv = vec![INF; cols];
    let mut dist_col = vec![0i64; cols];
    let mut way = vec![usize::MAX; cols]; // the row a column was reached from
    let mut dist_row = vec![INF; rows];
    let mut seen_rows: Vec<usize> = vec![];
    let mut seen_cols: Vec<usize> = vec![];
    for r in 0..rows {
        if of_row[r] != usize::MAX {
            continue;
        }
        minv.fill(INF);
        seen_rows.clear();
        seen_cols.clear();
        dist_row[r] = 0;
        seen_rows.push(r);
        let (mut j1, mut best) = relax(&c[r * cols..(r + 1) * cols], -u[r], r, &mut minv, &mut way, &v);
        let (end, total) = loop {
            if j1 == usize::MAX {
                unreachable!("the caps add up to at least the rows, so a column has room");
            }
            if (in_col[j1].len() as u32) < cap[j1] {
                break (j1, best);
            }
            // Reached for good: its rows are reached at the same distance.
            dist_col[j1] = best;
            minv[j1] = INF;
            v[j1] -= OFF;
            seen_cols.push(j1);
            let at = best;
            let here = &in_col[j1];
            for &i in here {
                dist_row[i] = at;
                seen_rows.push(i);
            }
            let row = |i: usize| &c[i * cols..(i + 1) * cols];
            (j1, best) = match here[..] {
                // A column without places (a full mentor): only look again.
                [] => nearest(&minv),
                [a, b] => relax2(
                    [row(a), row(b)],
                    [at - u[a], at - u[b]],
                    [a, b],
                    &mut minv,
                    &mut way,
                    &v,
                ),
                _ => {
                    // Each pass sees the earlier passes' updates: the
                    // last one's nearest is the nearest.
                    let mut next = (usize::MAX, INF);
                    for &i in here {
                        next = relax(row(i), at - u[i], i, &mut minv, &mut way, &v);
                    }
                    next
                }
            };
        };
        for &i in &seen_rows {
            u[i] += total - dist_row[i];
        }
        for &j in &seen_cols {
            v[j] += OFF;
            v[j] -= total - dist_col[j];
        }
        // Augment along the path back to r.
        let mut j = end;
        loop {
            let i = way[j];
            let old = of_row[i];
            of_row[i] = j;
            in_col[j].push(i);
            if old == usize::MAX {
                break;
            }
            let pos = in_col[old].iter().position(|&x| x == i).expect("assigned");
            in_col[old].swap_remove(pos);
            j = old;
        }
    }
    of_row
}

/// Relaxes every column still open through one row (`row`: its costs,
/// `base`: its distance minus its potential) and returns the open column
/// now nearest with its distance ((MAX, INF) if none).
#[inline]
fn relax(row: &[i64], base: i64, i: usize, minv: &mut [i64], way: &mut [usize], v: &[i64]) -> (usize, i64) {
    let n = minv.len();
    let (row, way, v) = (&row[..n], &mut way[..n], &v[..n]);
    let mut best = i64::MAX / 4;
    let mut at = usize::MAX;
    for j in 0..n {
        let nd = base + row[j] - v[j];
        let m = minv[j];
        if nd < m {
            minv[j] = nd;
            way[j] = i;
        }
        let m = minv[j];
        if m < best {
            best = m;
            at = j;
        }
    }
    (at, best)
}

/// [`relax`] through two rows in one pass (a mentor with two mentees, the
/// common case), with the same outcome as one row after the other.
#[inline]
fn relax2(
    rows: [&[i64]; 2],
    base: [i64; 2],
    i: [usize; 2],
    minv: &mut [i64],
    way: &mut [usize],
    v: &[i64],
) -> (usize, i64) {
    let n = minv.len();
    let (r0, r1, way, v) = (&rows[0][..n], &rows[1][..n], &mut way[..n], &v[..n]);
    let mut best = i64::MAX / 4;
    let mut at = usize::MAX;
    for j in 0..n {
        let d0 = base[0] + r0[j] - v[j];
        let d1 = base[1] + r1[j] - v[j];
        // The first row wins a tie, as when relaxed first.
        let (nd, from) = if d1 < d0 { (d1, i[1]) } else { (d0, i[0]) };
        if nd < minv[j] {
            minv[j] = nd;
            way[j] = from;
        }
        let m = minv[j];
        if m < best {
            best = m;
            at = j;
        }
    }
    (at, best)
}

/// The open column nearest ((MAX, INF) if none).
fn nearest(minv: &[i64]) -> (usize, i64) {
    let mut next = (usize::MAX, i64::MAX / 4);
    for (j, &m) in minv.iter().enumerate() {
        if m < next.1 {
            next = (j, m);
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_without_places_is_passed_over() {
        let c = [[0, 5, 9], [0, 6, 9]];
        assert_eq!(assign(2, 3, &c.concat(), &[0, 1, 2]), vec![1, 2]);
    }

    #[test]
    fn capacities_are_kept_and_the_cost_is_least() {
        // Three rows, two columns of capacity 2 and 1.
        let c = [[1, 5], [1, 2], [1, 9]];
        let a = assign(3, 2, &c.concat(), &[2, 1]);
        assert_eq!(a, vec![0, 1, 0]);
    }
}
