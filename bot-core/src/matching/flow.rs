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
    let mut minv = vec![INF; cols];
    let mut way = vec![usize::MAX; cols]; // the row a column was reached from
    let mut col_done = vec![false; cols];
    let mut dist_row = vec![INF; rows];
    let mut seen_rows: Vec<usize> = vec![];
    let mut seen_cols: Vec<usize> = vec![];
    for r in 0..rows {
        if of_row[r] != usize::MAX {
            continue;
        }
        minv.fill(INF);
        col_done.fill(false);
        seen_rows.clear();
        seen_cols.clear();
        // Relaxes every open column through row i (at distance d) and
        // returns the open column now nearest: one pass over the row.
        let relax = |i: usize, d: i64, minv: &mut [i64], way: &mut [usize], col_done: &[bool], v: &[i64]| {
            let row = &c[i * cols..(i + 1) * cols];
            let base = d - u[i];
            let (mut best, mut at) = (INF, usize::MAX);
            for j in 0..cols {
                if !col_done[j] {
                    let nd = base + row[j] - v[j];
                    if nd < minv[j] {
                        minv[j] = nd;
                        way[j] = i;
                    }
                    if minv[j] < best {
                        best = minv[j];
                        at = j;
                    }
                }
            }
            (at, best)
        };
        dist_row[r] = 0;
        seen_rows.push(r);
        let (mut j1, mut best) = relax(r, 0, &mut minv, &mut way, &col_done, &v);
        let (end, total) = loop {
            if (in_col[j1].len() as u32) < cap[j1] {
                break (j1, best);
            }
            col_done[j1] = true;
            seen_cols.push(j1);
            let rows_here = in_col[j1].clone();
            let at = best;
            let mut next = (usize::MAX, INF);
            for i in rows_here {
                dist_row[i] = at;
                seen_rows.push(i);
                next = relax(i, at, &mut minv, &mut way, &col_done, &v);
            }
            if next.0 == usize::MAX {
                // A column without places (a full mentor): only look again.
                for j in 0..cols {
                    if !col_done[j] && minv[j] < next.1 {
                        next = (j, minv[j]);
                    }
                }
            }
            // Several rows here: the last pass saw every update.
            (j1, best) = next;
        };
        for &i in &seen_rows {
            u[i] += total - dist_row[i];
        }
        for &j in &seen_cols {
            v[j] -= total - minv[j];
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
