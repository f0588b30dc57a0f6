"""Generalisation lattice search: the least-loss node that reaches k within a suppression budget.

A node gives one hierarchy level per quasi-identifier; (0, 0, 0) is the data
as it is. Node n' generalises n when every level of n' is >= that of n.

Monotonicity. Records suppressed at a node are those in classes smaller than
k. Generalising merges classes, and a merged class is at least as large as
any of its parts, so the suppressed count never grows along a path up the
lattice: if n satisfies "k reached with at most `max_suppression`
suppressed", every generalisation of n does, and if n fails, every
specialisation of n fails.

Information loss. We use the normalised average precision loss of Sweeney's
Prec: the mean of level / top level over the QIs that have a hierarchy
(0 = untouched, 1 = every such QI at its coarsest level). It is strictly
monotone, so a generalisation of a satisfying node can never be optimal.
Ties are broken by fewer suppressed rows, then by the discernibility metric
(sum of class size squared, plus records x suppressed records), then by the
node itself, so the choice is deterministic.

Search. A best-first walk in order of loss, pruned three ways:
  * Flash's two-sided predictive tagging (Kohlmayer et al. 2012): a node above a
    satisfying node is skipped (it satisfies, with strictly more loss); a node below
    a failing node is tagged failing without evaluation;
  * Incognito's subset property (LeFevre et al. 2005): classes on a subset of the
    QIs are unions of the full classes, so a node whose projection on two or three
    QIs already suppresses too much fails. Projections are cheap (small key spaces,
    one bincount, memoised) and settle most low nodes, where nearly every
    combination is unique, without a full evaluation;
  * the walk stops once the loss passes that of the best node found.
We chose this over Incognito's bottom-up breadth-first pass because it reaches the
optimum of a monotone metric after looking only at nodes at or below it, and over
Flash's greedy path heuristic because the tie-breaks above need every node of the
optimal loss to be looked at.

Speed. The data is grouped once to its distinct QI combinations with counts;
each level of each QI becomes an integer code per distinct value, so a node
is evaluated by counting an int64 key over that small table: a bincount when
the node's key space is small (most generalised nodes), a hash group-by
otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import polars as pl

__all__ = [
    "Levels",
    "Unchanged",
    "NodeFigures",
    "LatticeResult",
    "Lattice",
    "search",
    "exhaustive_search",
]


class Levels(Protocol):
    """A generalisation hierarchy as the search sees it (``veil.privacy.generalization.Hierarchy``).

    Levels run from 0 (the column as it is) to `top`; equal values at one level must stay
    equal at every level above (the hierarchies of ``generalization`` check that).
    """

    column: str

    @property
    def top(self) -> int: ...

    def expr(self, level: int) -> pl.Expr: ...

    def label(self, level: int) -> str: ...


@dataclass(frozen=True)
class Unchanged:
    """A quasi-identifier the search must leave as it is (no hierarchy given)."""

    column: str
    top: int = 0

    def expr(self, level: int) -> pl.Expr:
        return pl.col(self.column)

    def label(self, level: int) -> str:
        return self.column


_COUNT = "__veil_count__"


@dataclass(frozen=True)
class NodeFigures:
    node: tuple[int, ...]
    loss: float
    suppressed: int
    discernibility: int
    smallest_class: int
    satisfied: bool

    def rank(self) -> tuple[float, int, int, tuple[int, ...]]:
        return (round(self.loss, 12), self.suppressed, self.discernibility, self.node)


@dataclass(frozen=True)
class LatticeResult:
    """The chosen node (None when no node reaches k within the budget) and how it was found."""

    best: NodeFigures | None
    hierarchies: tuple[Levels, ...]
    records: int
    nodes_total: int
    nodes_evaluated: int
    evaluated: dict[tuple[int, ...], NodeFigures] = field(default_factory=dict, repr=False)

    @property
    def levels(self) -> dict[str, int]:
        return (
            {h.column: lvl for h, lvl in zip(self.hierarchies, self.best.node, strict=True)}
            if self.best
            else {}
        )

    def expressions(self) -> list[pl.Expr]:
        """The chosen levels as Polars expressions (level 0 columns are left out)."""
        return (
            [h.expr(lvl) for h, lvl in zip(self.hierarchies, self.best.node, strict=True) if lvl]
            if self.best
            else []
        )

    def as_dict(self) -> dict[str, object]:
        chosen = (
            {
                h.column: {"level": lvl, "of": h.top, "setting": h.label(lvl)}
                for h, lvl in zip(self.hierarchies, self.best.node, strict=True)
            }
            if self.best
            else None
        )
        return {
            "chosen_levels": chosen,
            "information_loss": round(self.best.loss, 6) if self.best else None,
            "information_loss_metric": "normalised average precision loss "
            "(mean of level/top level)",
            "suppressed_rows": self.best.suppressed if self.best else None,
            "nodes_total": self.nodes_total,
            "nodes_evaluated": self.nodes_evaluated,
        }


class Lattice:
    """The data reduced to distinct QI combinations, with an integer code per level of each QI."""

    def __init__(self, frame: pl.DataFrame, hierarchies: Sequence[Levels]) -> None:
        self.hierarchies = tuple(hierarchies)
        columns = [h.column for h in self.hierarchies]
        distinct = frame.group_by(columns).agg(pl.len().alias(_COUNT))
        self.counts = distinct[_COUNT].to_numpy().astype(np.int64)
        self.records = int(self.counts.sum())
        #: codes[j][level] -> int32 code of every distinct row, and the number of codes
        self.codes: list[list[tuple[np.ndarray, int]]] = []
        for h in self.hierarchies:
            values = distinct.select(pl.col(h.column).unique()).with_row_index("_base")
            base = (
                distinct.select(h.column)
                .join(values, on=h.column, how="left", nulls_equal=True, maintain_order="left")[
                    "_base"
                ]
                .to_numpy()
            )
            per_level = []
            for lvl in range(h.top + 1):
                generalised = values.with_columns(h.expr(lvl).rank("dense").fill_null(0).alias("c"))
                mapping = generalised["c"].to_numpy().astype(np.int64)
                per_level.append((mapping[base], int(mapping.max(initial=0)) + 1))
            self.codes.append(per_level)
        self._subset_suppressed: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}

    @property
    def nodes(self) -> list[tuple[int, ...]]:
        return list(itertools.product(*(range(h.top + 1) for h in self.hierarchies)))

    def loss(self, node: Sequence[int]) -> float:
        shares = [lvl / h.top for h, lvl in zip(self.hierarchies, node, strict=True) if h.top]
        return sum(shares) / len(shares) if shares else 0.0

    def class_sizes(self, node: Sequence[int]) -> np.ndarray:
        key = np.zeros(len(self.counts), dtype=np.int64)
        span = 1
        for j, lvl in enumerate(node):
            code, cardinality = self.codes[j][lvl]
            if span * cardinality >= 2**62:  # re-densify before the key could overflow
                key = np.unique(key, return_inverse=True)[1].astype(np.int64)
                span = int(key.max(initial=0)) + 1
            key = key * cardinality + code
            span *= cardinality
        if span <= max(1 << 22, 4 * len(key)):  # small key space: one counting pass, no hashing
            sizes = np.bincount(key, weights=self.counts, minlength=0)
            return sizes[sizes > 0].astype(np.int64)
        grouped = pl.DataFrame({"k": key, "n": self.counts}).group_by("k").agg(pl.col("n").sum())
        return grouped["n"].to_numpy()

    def fails_on_a_subset(self, node: tuple[int, ...], k: int, max_suppressed: int) -> bool:
        """Incognito's subset property: classes on some of the QIs are unions of the full
        classes, so if a projection on two or three QIs already suppresses too much, the
        node fails.

        Projections with a small key space cost one bincount each (memoised per subset and
        levels); they spare the full evaluation of most nodes where nearly every
        combination is unique.
        """
        width = len(node)
        for size in range(2, min(3, width - 1) + 1):
            for subset in itertools.combinations(range(width), size):
                memo = (subset, tuple(node[j] for j in subset))
                if memo not in self._subset_suppressed:
                    self._subset_suppressed[memo] = self._project(subset, node, k)
                if self._subset_suppressed[memo] > max_suppressed:
                    return True
        return False

    def _project(self, subset: tuple[int, ...], node: tuple[int, ...], k: int) -> int:
        key, span = np.zeros(len(self.counts), dtype=np.int64), 1
        for j in subset:
            code, cardinality = self.codes[j][node[j]]
            span *= cardinality
            if span > max(1 << 22, 4 * len(self.counts)):
                return 0  # too wide to count cheaply: no verdict
            key = key * cardinality + code
        sizes = np.bincount(key, weights=self.counts)
        return int(sizes[(sizes > 0) & (sizes < k)].sum())

    def evaluate(self, node: tuple[int, ...], k: int, max_suppressed: int) -> NodeFigures:
        sizes = self.class_sizes(node)
        small = sizes < k
        suppressed = int(sizes[small].sum())
        kept = sizes[~small]
        return NodeFigures(
            node=node,
            loss=self.loss(node),
            suppressed=suppressed,
            discernibility=int((kept * kept).sum()) + suppressed * self.records,
            smallest_class=int(kept.min()) if kept.size else 0,
            satisfied=suppressed <= max_suppressed,
        )


def _budget(records: int, max_suppression: float) -> int:
    return int(np.floor(records * max_suppression + 1e-9))


def search(
    frame: pl.DataFrame, hierarchies: Sequence[Levels], *, k: int, max_suppression: float = 0.0
) -> LatticeResult:
    """Best-first search with predictive tagging (see the module docstring)."""
    lattice = Lattice(frame, hierarchies)
    budget = _budget(lattice.records, max_suppression)
    order = sorted(lattice.nodes, key=lambda n: (round(lattice.loss(n), 12), sum(n), n))
    satisfying: list[tuple[int, ...]] = []
    failing: list[tuple[int, ...]] = []
    evaluated: dict[tuple[int, ...], NodeFigures] = {}
    best: NodeFigures | None = None
    for node in order:
        if best is not None and round(lattice.loss(node), 12) > round(best.loss, 12):
            break
        if any(all(a <= b for a, b in zip(s, node, strict=True)) for s in satisfying):
            continue  # a generalisation of a satisfying node: more loss, never optimal
        if any(all(a <= b for a, b in zip(node, f, strict=True)) for f in failing):
            continue  # a specialisation of a failing node fails too
        if lattice.fails_on_a_subset(node, k, budget):
            failing.append(node)
            continue
        figures = lattice.evaluate(node, k, budget)
        evaluated[node] = figures
        if figures.satisfied:
            satisfying.append(node)
            if best is None or figures.rank() < best.rank():
                best = figures
        else:
            failing.append(node)
    return LatticeResult(
        best=best,
        hierarchies=lattice.hierarchies,
        records=lattice.records,
        nodes_total=len(order),
        nodes_evaluated=len(evaluated),
        evaluated=evaluated,
    )


def exhaustive_search(
    frame: pl.DataFrame, hierarchies: Sequence[Levels], *, k: int, max_suppression: float = 0.0
) -> LatticeResult:
    """Evaluate every node; the reference the pruned search is tested against."""
    lattice = Lattice(frame, hierarchies)
    budget = _budget(lattice.records, max_suppression)
    evaluated = {node: lattice.evaluate(node, k, budget) for node in lattice.nodes}
    ok = [f for f in evaluated.values() if f.satisfied]
    return LatticeResult(
        best=min(ok, key=NodeFigures.rank) if ok else None,
        hierarchies=lattice.hierarchies,
        records=lattice.records,
        nodes_total=len(evaluated),
        nodes_evaluated=len(evaluated),
        evaluated=evaluated,
    )
