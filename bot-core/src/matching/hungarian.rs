//! The Hungarian method (Kuhn–Munkres with potentials, O(n²·m)) for a
//! rectangular cost matrix with rows ≤ columns: every row gets a distinct
//! column and the total cost is the least possible. Deterministic: the
//! same matrix always gives the same assignment.
//!
//! Written here rather than taken from a crate: `pathfinding`'s
//! `kuhn_munkres` needs the capacity-expanded square matrix as a
//! `Matrix` of weights and took 1.8–2.4 s for 2,000 mentees × 1,000
//! mentors of capacity 2; this version reads costs through a closure (no
//! expanded matrix is built: slots of one mentor share a row of scores)
//! and starts from row minima with the tight pairs taken greedily, so
//! most rows need no search (benches/matching.rs).

/// The least-cost assignment of `rows` rows to distinct columns of
/// `cols` (rows ≤ cols), costs row-major: `result[row] = column`.
pub fn assign(rows: usize, cols: usize, c: &[i64]) -> Vec<usize> {
    assert!(rows <= cols, "the Hungarian method needs rows ≤ columns");
    assert_eq!(c.len(), rows * cols);
    let cost = |i: usize, j: usize| c[i * cols + j];
    if rows == 0 {
        return vec![];
    }
    const INF: i64 = i64::MAX / 4;
    // 1-based as in the textbook formulation; column 0 is the virtual start.
    let mut u = vec![0i64; rows + 1];
    let mut v = vec![0i64; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    let mut minv = vec![INF; cols + 1];
    let mut used = vec![false; cols + 1];
    // Row minima are feasible duals; a free column at a row's minimum is a
    // tight edge and can be taken at once.
    let mut done = vec![false; rows + 1];
    for i in 1..=rows {
        let row = &c[(i - 1) * cols..i * cols];
        let min = row.iter().copied().min().unwrap_or(0);
        u[i] = min;
        if let Some(j) = (0..cols).find(|&j| row[j] == min && p[j + 1] == 0) {
            p[j + 1] = i;
            done[i] = true;
        }
    }
    for (i, _) in done.iter().enumerate().skip(1).filter(|(_, d)| !**d) {
        p[0] = i;
        let mut j0 = 0usize;
        minv.fill(INF);
        used.fill(false);
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let ui0 = u[i0];
            let mut delta = INF;
            let mut j1 = 0usize;
            for j in 1..=cols {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - ui0 - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut result = vec![usize::MAX; rows];
    for j in 1..=cols {
        if p[j] != 0 {
            result[p[j] - 1] = j - 1;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_least_cost_assignment() {
        let c = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
        let a = assign(3, 3, &c.concat());
        let total: i64 = a.iter().enumerate().map(|(i, &j)| c[i][j]).sum();
        assert_eq!(total, 5);
    }

    #[test]
    fn rectangular_leaves_columns_free() {
        let c = [[9, 1, 9, 9], [9, 9, 9, 2]];
        assert_eq!(assign(2, 4, &c.concat()), vec![1, 3]);
    }
}
