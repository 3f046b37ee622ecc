"""The Lagrangian method's per-employee subproblem at given prices: the best bundle of at most K programmes
(and H added JP) of each employee, solved exactly by enumerating the programmes worth their price, with a
proven bound where an employee has more candidates than are enumerated (see ``lagrange``'s docstring)."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .problem import PlanProblem, jp_limit, program_caps

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]
Alternatives = tuple[int, float, list[NDArray[np.int64]]]  # (bundles per employee, slack, rows found)


def cost_scale(pr: PlanProblem) -> float:
    """The mean programme cost: the unit of the budget rows and prices (rupiah figures near 1e10 otherwise
    leave the LPs badly scaled for HiGHS' tolerances)."""
    return max(float(pr.cost.astype(np.float64).mean()), 1.0)


def _combos(u: int, k: int) -> NDArray[np.int64]:
    """All subsets of size 1..k of range(u) as (T, k) rows of positions, padded with u (an empty slot)."""
    rows: list[tuple[int, ...]] = []
    for size in range(1, min(k, u) + 1):
        rows += list(combinations(range(u), size))
    idx = np.full((len(rows), max(1, k)), u, dtype=np.int64)
    for t, row in enumerate(rows):
        idx[t, : len(row)] = row
    return idx


class Pricing:
    """Per-employee best bundles for given prices, vectorised over employees in chunks."""

    def __init__(self, pr: PlanProblem, *, m: int = 10, chunk: int = 4000) -> None:
        self.pr = pr
        self.m = m
        self.chunk = chunk
        n, P = pr.n, len(pr.jp)
        self.n, self.P = n, P
        w, e = pr.w, pr.e
        room = jp_limit(pr)
        self.room = room
        self.caps = program_caps(pr) if pr.programs_left is not None else None
        self.below = pr.pns & (pr.jp_now < pr.pns_min_jp)
        self.bonus = np.where(self.below, float(pr.lam), 0.0)
        # Single values f_i(p) (n, P), -inf where p cannot be taken at all (not eligible, over the JP room,
        # no seat). Kept small and rounded up (200,000 x 500: 200-400 MB, not 800 MB, and no second copy), so a
        # single value is never below the true one: the bound on the subsets outside the enumerated
        # candidates, the only use of these values in a bound, stays a proven bound. The values of the chosen
        # bundles are computed exactly from the gaps and raises.
        # min(g, a) = sum over levels l >= 1 of [g >= l][a >= l]: one product of (n, k) by (k, P) per level
        # (200,000 x 500: 9 s -> 1 s against the (n, P, k) minimum). Whole weights give whole, exact sums.
        gaps, raises = np.asarray(pr.gaps), np.asarray(pr.raises)
        # Whole weights and values up to 2,048 (the default weights: a few dozen at most) are exact in float16,
        # 200 MB at 200,000 x 500 (issue 24's 2 GB); otherwise float32 rounded up.
        whole = bool(np.all(w == np.floor(w)) and np.all(e == np.floor(e)) and (w >= 0).all() and (e >= 0).all())
        top = float(((gaps * w[None, :]).sum(axis=1) * e).max(initial=0.0))
        dtype = np.float16 if whole and top <= 2048 else np.float32
        single = np.empty((n, P), dtype=dtype)
        levels = int(min(gaps.max(initial=0), raises.max(initial=0)))
        steps = [(raises >= lv).T.astype(np.float64) for lv in range(1, levels + 1)]
        seats = pr.capacity > 0
        for s in range(0, n, 4000):
            sl = slice(s, min(n, s + 4000))
            exact = np.zeros((sl.stop - s, P))
            for lv, step in enumerate(steps, start=1):
                exact += ((gaps[sl] >= lv) * w[None, :]) @ step
            exact *= e[sl, None]
            up: NDArray[np.floating[Any]] = exact.astype(dtype)
            up = np.where(up < exact, np.nextafter(up, dtype(np.inf)), up)
            allowed = pr.eligible[sl] & (pr.jp[None, :] <= room[sl, None] + 1e-9) & seats[None, :]
            if self.caps is not None:
                allowed &= self.caps[sl, None] > 0
            single[sl] = np.where(allowed, up, -np.inf)
        # An approved IDP's bonus (``pair_bonus``) enters as a lower price of that pair: the same subproblem.
        if pr.pair_bonus is not None:
            self.bonus_keys = pr.pair_bonus[0].astype(np.int64), pr.pair_bonus[1].astype(np.int64)
            self.bonus_values = np.asarray(pr.pair_bonus[2], dtype=np.float64)
        self.single = single
        self.m = min(m, P)
        self.combos = {u: _combos(u, int(pr.max_programs)) for u in range(1, self.m + 1)}
        self.unit = pr.unit if (pr.per_unit_budget and pr.unit is not None) else None

    def alternatives_at(
        self, mu: float, mu_u: F64 | None, nu: F64, per_employee: int, slack: float
    ) -> NDArray[np.int64]:
        """Every employee's ``per_employee`` best bundles at these prices within ``slack`` of its best, as rows."""
        found: list[NDArray[np.int64]] = []
        self.best(mu, mu_u, nu, alternatives=(per_employee, slack, found))
        K = int(self.pr.max_programs)
        return np.concatenate(found) if found else np.zeros((0, K + 1), dtype=np.int64)

    def _combos_for(self, u: int) -> NDArray[np.int64]:
        if u not in self.combos:
            self.combos[u] = _combos(u, int(self.pr.max_programs))
        return self.combos[u]

    def _price_rows(
        self, rows: I64, mu: float, mu_u: F64 | None, nu: F64, m: int, alternatives: Alternatives | None = None
    ) -> tuple[F64, F64, B, NDArray[np.int64]]:
        """Subproblems of ``rows`` with at most ``m`` enumerated candidates each: (upper bound, reduced value
        of the chosen bundle, exact, chosen bundle rows (employee, programmes sorted, P = empty)). With
        ``alternatives = (k, slack, out)`` each employee's k best bundles within slack are appended to out."""
        pr = self.pr
        P = self.P
        K = int(pr.max_programs)
        cost = pr.cost.astype(np.float64)
        unit_mu = mu + (mu_u[self.unit[rows]] if (self.unit is not None and mu_u is not None) else 0.0)
        pi = np.asarray(unit_mu, dtype=np.float64).reshape(-1, 1) * cost[None, :] + nu[None, :]
        pi = np.broadcast_to(pi, (len(rows), P))
        if pr.pair_bonus is not None and len(self.bonus_values):
            bi, bp = self.bonus_keys
            inside_rows = np.isin(bi, rows)  # rows are sorted (a chunk, or the loose employees in order)
            if inside_rows.any():
                pi = pi.copy()
                local = np.searchsorted(rows, bi[inside_rows])
                pi[local, bp[inside_rows]] -= self.bonus_values[inside_rows]
        r = self.single[rows] - pi  # -inf where not allowed
        bonus = self.bonus[rows]
        useful = r > -bonus[:, None] + 1e-12
        n_useful = useful.sum(axis=1)
        r_rank = np.where(useful, r, -np.inf)
        m = min(m, P)
        top = np.argpartition(-r_rank, m - 1, axis=1)[:, :m] if P > m else np.tile(np.arange(P), (len(rows), 1))
        top_r = np.take_along_axis(r_rank, top, axis=1)
        order = np.argsort(-top_r, axis=1)  # candidates best first, so the first u are the useful ones
        top = np.take_along_axis(top, order, axis=1)
        top_r = np.take_along_axis(top_r, order, axis=1)
        u_all = np.minimum(n_useful, m)
        inside = np.zeros(len(rows))
        chosen_rows: list[NDArray[np.int64]] = []
        # Employees grouped by their number of candidates u: the subsets of u candidates (size <= K).
        for u in np.unique(u_all).tolist():
            if u == 0:
                continue
            grp = np.flatnonzero(u_all == u)
            idx = self._combos_for(u)  # (T, K) positions 0..u-1, u = the empty slot
            cand = top[grp, :u]
            cand_pad = np.concatenate([cand, np.full((len(grp), 1), P, dtype=np.int64)], axis=1)
            raises = np.concatenate([pr.raises[cand], np.zeros((len(grp), 1, pr.raises.shape[1]))], axis=1)
            jp = np.concatenate([pr.jp[cand], np.zeros((len(grp), 1))], axis=1)
            price = np.concatenate([np.take_along_axis(pi[grp], cand, axis=1), np.zeros((len(grp), 1))], axis=1)
            raised = raises[:, idx[:, 0], :]
            jp_sum = jp[:, idx[:, 0]]
            price_sum = price[:, idx[:, 0]]
            for slot in range(1, idx.shape[1]):
                raised = raised + raises[:, idx[:, slot], :]
                jp_sum = jp_sum + jp[:, idx[:, slot]]
                price_sum = price_sum + price[:, idx[:, slot]]
            who = rows[grp]
            covered = (np.minimum(pr.gaps[who][:, None, :], raised) * pr.w[None, None, :]).sum(axis=2)
            covered *= pr.e[who][:, None]
            reach = jp_sum + pr.jp_now[who][:, None] >= pr.pns_min_jp
            value = covered + np.where(self.below[who][:, None] & reach, float(pr.lam), 0.0)
            fits = jp_sum <= self.room[who][:, None] + 1e-9
            if self.caps is not None:  # fewer programmes left to some employees than K
                fits &= (idx < u).sum(axis=1)[None, :] <= self.caps[who][:, None]
            red = np.where(fits, value - price_sum, -np.inf)
            t_best = np.argmax(red, axis=1)
            best_red = red[np.arange(len(grp)), t_best]
            take = best_red > 1e-12
            inside[grp] = np.where(take, best_red, 0.0)
            members = np.sort(cand_pad[np.arange(len(grp))[:, None], idx[t_best]], axis=1)
            chosen_rows.append(np.concatenate([who[take][:, None], members[take]], axis=1))
            if alternatives is not None:
                # The runner-up bundles within the slack of the best (and not far below zero): near the optimal
                # prices employees are almost indifferent between them, and the final plan needs the choice.
                k_alt, slack, out = alternatives
                kk = min(k_alt, red.shape[1])
                part = np.argpartition(-red, kk - 1, axis=1)[:, :kk]
                part_red = np.take_along_axis(red, part, axis=1)
                near = (part_red >= best_red[:, None] - slack) & (part_red >= -slack)
                g_near, k_near = np.nonzero(near)
                alt = np.sort(cand_pad[g_near[:, None], idx[part[g_near, k_near]]], axis=1)
                out.append(np.concatenate([who[g_near][:, None], alt], axis=1))
        # Subsets reaching outside the m candidates: bounded by the K-1 best positive single values, the best
        # outside one and the 20-JP bonus (submodularity of the coverage part).
        exact = np.ones(len(rows), dtype=bool)
        bound = inside.copy()
        outside = n_useful > m
        if outside.any():
            o = np.flatnonzero(outside)
            head = np.maximum(top_r[o, : max(K - 1, 0)], 0.0).sum(axis=1)
            r_out = np.where(useful[o], r[o], -np.inf)
            np.put_along_axis(r_out, top[o], -np.inf, axis=1)
            ub_out = head + np.maximum(r_out.max(axis=1), 0.0) + bonus[o]
            loose = ub_out > inside[o] + 1e-9
            bound[o] = np.where(loose, ub_out, inside[o])
            exact[o[loose]] = False
        chosen = np.concatenate(chosen_rows) if chosen_rows else np.zeros((0, K + 1), dtype=np.int64)
        return bound, inside, exact, chosen

    def best(
        self,
        mu: float,
        mu_u: F64 | None,
        nu: F64,
        alternatives: Alternatives | None = None,
        reprice_share: float = 0.25,
    ) -> tuple[F64, F64, I64, I64, B]:
        """Every employee's subproblem at prices (mu, mu_u, nu): its upper bound (exact where ``exact``), the
        reduced value of the bundle chosen (a lower bound), and the chosen (employee, programme) pairs.
        Employees whose bound is not exact with ``m`` candidates are priced again with more when they are at
        most ``reprice_share`` of all (1.0: always, for a final bound)."""
        n, P = self.n, self.P
        ub = np.zeros(n)
        inside = np.zeros(n)
        exact = np.ones(n, dtype=bool)
        parts: list[NDArray[np.int64]] = []
        for s in range(0, n, self.chunk):
            rows = np.arange(s, min(n, s + self.chunk))
            b, v, ex, ch = self._price_rows(rows, mu, mu_u, nu, self.m, alternatives)
            ub[rows], inside[rows], exact[rows] = b, v, ex
            parts.append(ch)
        chosen_all = np.concatenate(parts) if parts else np.zeros((0, int(self.pr.max_programs) + 1), dtype=np.int64)
        # Near the optimal prices few employees are loose; those are priced again with twice as many
        # candidates, and again, until exact (or 24 candidates).
        again = np.flatnonzero(~exact)
        m = self.m
        while len(again) and m < min(P, 20) and len(again) <= reprice_share * n:
            m = min(P, 20, 2 * m)
            # In chunks sized to the subsets enumerated (20 candidates, K = 3: 1,350 subsets each, against 41
            # for 6): all the loose employees of 200,000 x 500 at once took several GB.
            step = max(64, self.chunk * len(self._combos_for(self.m)) // len(self._combos_for(m)))
            ch_parts, ex_all = [], np.ones(len(again), dtype=bool)
            for s in range(0, len(again), step):
                rows = again[s : s + step]
                b, v, ex, ch = self._price_rows(rows, mu, mu_u, nu, m, alternatives)
                ub[rows], inside[rows], exact[rows], ex_all[s : s + step] = b, v, ex, ex
                ch_parts.append(ch)
            chosen_all = np.concatenate([chosen_all[~np.isin(chosen_all[:, 0], again)], *ch_parts])
            again = again[~ex_all]
        self.last_bundles = chosen_all
        members = chosen_all[:, 1:]
        used = members < P
        ci = np.repeat(chosen_all[:, 0], used.sum(axis=1))
        cp = members[used]
        return ub, inside, ci.astype(np.int64), cp.astype(np.int64), exact
