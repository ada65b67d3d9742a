"""Seeded, deterministic ForceAtlas2 node positions, shared by the HTML view and the GEXF writer.

Why here and not in the page: Gephi can get the same positions in GEXF
(``viz:position``) as the page draws, the page draws at once instead of running
a layout in the browser, and one implementation decides the picture.

Why our own ForceAtlas2: measured here on 10,000 nodes and 20,000 edges (a busy
machine), networkx's ``forceatlas2_layout`` is exact O(n²) per iteration (15 s
for 1,000 nodes), igraph's grid Fruchterman-Reingold took 100 s and DrL 12 s
(both through igraph's global random generator), and the ``fa2`` package (a
compiled Barnes-Hut, with scipy) 13 s for 100 iterations. This module is
ForceAtlas2 (Jacomy et al. 2014: degree-weighted repulsion, linear attraction,
gravity, adaptive speed from swinging and traction) in numpy, with the
repulsion approximated on a hierarchy of grids, like Barnes-Hut: each node
feels the cells near it and the centres of mass of farther cells, coarser with
distance; on coarse levels the far field is computed once per cell. About 5 s
for 10,000 nodes, 0.1 s for the examples.

Around it: isolated nodes go on a ring outside the picture (they would
otherwise fill it), connected components are moved apart until they no longer
overlap (ForceAtlas2 lets them interleave), and gravity grows with the square
root of the node count so that separate stories stay in view.

Determinism: initial positions come from a hash of each node id and the seed
(not from a random generator, and a node's start does not depend on the other
nodes), edges are sorted first, sums over cells use ``np.bincount``
(sequential), global sums ``math.fsum``, sines and cosines the math module, and
the result is rounded to 0.01. Same graph, same seed, same machine: the same
positions and so the same page bytes. Across processors or numpy builds, a
vectorised sum may round its last bit differently and the picture may differ
slightly.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

DEFAULT_SEED = 42
SCALING_RATIO = 2.0  # repulsion strength (FA2's kr)
GRAVITY_PER_ROOT_NODE = 2.0
JITTER_TOLERANCE = 1.0
EXTENT = 1000.0  # positions are scaled so the widest coordinate is +-EXTENT
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
MAX_PACKED = 600  # components separated after the layout (the separation compares every pair)
PACK_ROUNDS = 150
PACK_STEP = 0.8  # share of an overlap resolved per round


def iterations_for(nodes: int) -> int:
    """Enough iterations for the adaptive speed to settle; fewer per node as graphs grow."""
    if nodes <= 1000:
        return 300
    return 200 if nodes <= 5000 else 120


def initial_positions(ids: Sequence[str], seed: int = DEFAULT_SEED) -> np.ndarray:
    """A point in the unit disc per node, from a hash of the seed and the node id."""
    coords = np.empty((len(ids), 2))
    for index, node_id in enumerate(ids):
        digest = hashlib.blake2b(f"{seed}\0{node_id}".encode(), digest_size=8).digest()
        u = int.from_bytes(digest[:4], "big") / 2**32
        v = int.from_bytes(digest[4:], "big") / 2**32
        coords[index] = (u, v)
    radius = np.sqrt(coords[:, 0]) * math.sqrt(len(ids)) * 10.0
    return polar(radius, coords[:, 1] * (2 * math.pi))


def polar(radius: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """Points from polar coordinates with the math module's cos and sin: numpy may pick a vectorised sine whose
    last bits depend on the processor, and the layout must not."""
    cos = np.array([math.cos(a) for a in angle.tolist()])
    sin = np.array([math.sin(a) for a in angle.tolist()])
    return np.column_stack((radius * cos, radius * sin))


def gravity_for(nodes: int) -> float:
    """FA2's gravity kg, pulling every node to the centre with force kg * mass.

    With kg = 1 (Gephi's default) the separate components of a news graph (one per story) drift about
    kr * total mass / kg apart while an edge is about sqrt(kr) * mass long, so the stories are specks far apart.
    Scaling kg with sqrt(n) keeps the spread near sqrt(n) edge lengths, the area the nodes need.
    """
    return max(1.0, GRAVITY_PER_ROOT_NODE * math.sqrt(nodes))


def grid_levels(nodes: int) -> int:
    """Finest grid level: about one node per cell on average (2**level cells a side)."""
    return max(2, min(9, math.ceil(math.log2(max(4.0, math.sqrt(nodes))))))


def block_offsets(finest: bool) -> dict[tuple[int, int], np.ndarray]:
    """Cell offsets (dx, dy) a node feels at one level, by the node's cell parity (see :func:`repulsion`)."""
    offsets = {}
    for px in (0, 1):
        for py in (0, 1):
            block = [(dx, dy) for dx in range(-2 - px, 4 - px) for dy in range(-2 - py, 4 - py)]
            offsets[px, py] = np.array(
                [(dx, dy) for dx, dy in block if finest or abs(dx) > 1 or abs(dy) > 1], dtype=np.int64
            )
    return offsets


FAR_OFFSETS = block_offsets(finest=False)
ALL_OFFSETS = block_offsets(finest=True)


def cell_field(
    x: np.ndarray,
    y: np.ndarray,
    flat: np.ndarray,
    parity: np.ndarray,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    width: int,
    offsets_by_parity: dict[tuple[int, int], np.ndarray],
    self_mass: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Repulsion per unit mass (sum of M / d along the direction away) that points at (x, y) in grid cells ``flat``
    feel from the cells at the given offsets; with ``self_mass``, a point's own cell acts without the point."""
    cell_mass, cell_x, cell_y = grid
    fx = np.zeros(len(x))
    fy = np.zeros(len(x))
    for (px, py), offsets in offsets_by_parity.items():
        members = np.flatnonzero(parity == px * 2 + py)
        if not len(members):
            continue
        target = flat[members, None] + (offsets[:, 0] * width + offsets[:, 1])[None, :]
        m = cell_mass[target]
        sx = cell_x[target]
        sy = cell_y[target]
        mx = x[members, None]
        my = y[members, None]
        if self_mass is not None:
            own = np.flatnonzero((offsets[:, 0] == 0) & (offsets[:, 1] == 0))[0]
            mine = self_mass[members]
            m[:, own] -= mine
            sx[:, own] -= mine * mx[:, 0]
            sy[:, own] -= mine * my[:, 0]
        active = m > 1e-9
        safe = np.where(active, m, 1.0)
        vx = mx - sx / safe
        vy = my - sy / safe
        dist2 = vx * vx + vy * vy
        active &= dist2 > 1e-12
        scale = np.where(active, m / np.where(active, dist2, 1.0), 0.0)
        fx[members] = (vx * scale).sum(axis=1)
        fy[members] = (vy * scale).sum(axis=1)
    return fx, fy


def repulsion(pos: np.ndarray, mass: np.ndarray, levels: int) -> np.ndarray:
    """FA2 repulsion, F = kr * m_i * m_j / d between every pair, on a grid hierarchy (see the module docstring).

    At level l, a node feels the cells that are children of its parent cell's neighbours but not its own
    neighbours (the 27 cells of the 6x6 block around it less its 3x3 block); at the finest level it feels the
    whole 6x6 block, its own cell without itself. Each cell acts as its total mass at its centre of mass.
    On levels with fewer occupied cells than half the nodes, that far field is computed once per cell, at the
    cell's centre of mass, and shared by the cell's nodes (like a multipole method's local expansion, to order
    zero): the cost per iteration is then about 36 cell look-ups per node, whatever the number of levels.
    """
    n = len(pos)
    low = pos.min(axis=0)
    side = float((pos.max(axis=0) - low).max()) * 1.0001 + 1e-9
    relative = (pos - low) / side
    force = np.zeros_like(pos)
    pad = 3
    for level in range(2, levels + 1):
        cells = 1 << level
        cx = np.minimum((relative[:, 0] * cells).astype(np.int64), cells - 1)
        cy = np.minimum((relative[:, 1] * cells).astype(np.int64), cells - 1)
        width = cells + 2 * pad
        flat = (cx + pad) * width + (cy + pad)
        size = width * width
        grid = (
            np.bincount(flat, weights=mass, minlength=size),
            np.bincount(flat, weights=mass * pos[:, 0], minlength=size),
            np.bincount(flat, weights=mass * pos[:, 1], minlength=size),
        )
        parity = (cx % 2) * 2 + cy % 2
        if level == levels:
            fx, fy = cell_field(pos[:, 0], pos[:, 1], flat, parity, grid, width, ALL_OFFSETS, mass)
        else:
            occupied, node_cell = np.unique(flat, return_inverse=True)
            if len(occupied) * 2 < n:
                centre_x = grid[1][occupied] / grid[0][occupied]
                centre_y = grid[2][occupied] / grid[0][occupied]
                cell_parity = ((occupied // width - pad) % 2) * 2 + (occupied % width - pad) % 2
                cfx, cfy = cell_field(centre_x, centre_y, occupied, cell_parity, grid, width, FAR_OFFSETS)
                fx, fy = cfx[node_cell], cfy[node_cell]
            else:
                fx, fy = cell_field(pos[:, 0], pos[:, 1], flat, parity, grid, width, FAR_OFFSETS)
        force[:, 0] += fx * (SCALING_RATIO * mass)
        force[:, 1] += fy * (SCALING_RATIO * mass)
    return force


def forceatlas2(
    ids: Sequence[str],
    edges: Sequence[tuple[int, int]],
    seed: int = DEFAULT_SEED,
    iterations: int | None = None,
    gravity: float | None = None,
) -> np.ndarray:
    """Positions (n x 2) for nodes ``ids`` joined by ``edges`` (index pairs; parallel edges pull harder)."""
    n = len(ids)
    if n == 0:
        return np.zeros((0, 2))
    pos = initial_positions(ids, seed)
    if n == 1:
        return np.zeros((1, 2))
    source = np.array([s for s, _ in edges], dtype=np.int64)
    target = np.array([t for _, t in edges], dtype=np.int64)
    degree = np.bincount(source, minlength=n) + np.bincount(target, minlength=n)
    mass = degree.astype(float) + 1.0
    levels = grid_levels(n)
    kg = gravity_for(n) if gravity is None else gravity
    previous = np.zeros_like(pos)
    speed, speed_efficiency = 1.0, 1.0
    for _ in range(iterations if iterations is not None else iterations_for(n)):
        force = repulsion(pos, mass, levels)
        # Gravity: F = kg * m towards the centre (unit direction).
        dist = np.sqrt((pos * pos).sum(axis=1))
        pull = np.where(dist > 0, kg * mass / np.where(dist > 0, dist, 1.0), 0.0)
        force -= pos * pull[:, None]
        # Attraction: linear in the distance along every edge.
        if len(source):
            delta = pos[source] - pos[target]
            for axis in (0, 1):
                force[:, axis] -= np.bincount(source, weights=delta[:, axis], minlength=n)
                force[:, axis] += np.bincount(target, weights=delta[:, axis], minlength=n)
        # Adaptive speed (FA2's swinging and traction, as in Gephi and graphology).
        swinging = np.sqrt(((force - previous) ** 2).sum(axis=1))
        traction = np.sqrt(((force + previous) ** 2).sum(axis=1)) / 2
        swinging *= mass
        total_swing = math.fsum(swinging.tolist())
        total_traction = math.fsum((mass * traction).tolist())
        estimated_jitter = 0.05 * math.sqrt(n)
        jitter = JITTER_TOLERANCE * max(
            math.sqrt(estimated_jitter), min(10.0, estimated_jitter * total_traction / (n * n))
        )
        if total_swing > 0 and total_traction / total_swing > 2.0:
            if speed_efficiency > 0.05:
                speed_efficiency *= 0.5
            jitter = max(jitter, JITTER_TOLERANCE)
        target_speed = jitter * speed_efficiency * total_traction / total_swing if total_swing > 0 else speed
        if total_swing > jitter * total_traction:
            if speed_efficiency > 0.05:
                speed_efficiency *= 0.7
        elif speed < 1000:
            speed_efficiency *= 1.3
        speed = speed + min(target_speed - speed, 0.5 * speed)
        node_speed = speed / (1.0 + np.sqrt(speed * swinging))
        pos = pos + force * node_speed[:, None]
        previous = force
    return normalise(pos)


def normalise(pos: np.ndarray) -> np.ndarray:
    """Centre the picture, scale the widest coordinate to EXTENT, round to 0.01 (stable bytes)."""
    pos = pos - (pos.max(axis=0) + pos.min(axis=0)) / 2
    widest = float(np.abs(pos).max())
    if widest > 0:
        pos = pos * (EXTENT / widest)
    return np.round(pos, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def sunflower(count: int, inner: float, area_per_node: float) -> np.ndarray:
    """``count`` points spread evenly over an annulus from radius ``inner`` outwards (Vogel's spiral)."""
    k = np.arange(count, dtype=float) + 0.5
    radius = np.sqrt(inner * inner + k * area_per_node / math.pi)
    return polar(radius, k * GOLDEN_ANGLE)


def components(count: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find), largest first, ties by their first node."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for s, t in pairs:
        a, b = root(s), root(t)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def pack(pos: np.ndarray, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Move connected components (stories, in news) apart just enough that their bounding circles (plus a gap)
    do not overlap, each keeping its shape and, as near as it can, its place.

    ForceAtlas2's gravity keeps components near each other but lets them interleave. The separation is a
    relaxation (like a collision force): every overlapping pair is pushed apart along the line between their
    centres, the smaller one moving more, until none overlaps. Past MAX_PACKED components it is skipped.
    """
    groups = components(len(pos), pairs)
    if len(groups) < 2 or len(groups) > MAX_PACKED:
        return pos
    centres = np.empty((len(groups), 2))
    radii = np.empty(len(groups))
    for number, group in enumerate(groups):
        points = pos[group]
        centres[number] = (points.max(axis=0) + points.min(axis=0)) / 2
        radii[number] = float(np.sqrt(((points - centres[number]) ** 2).sum(axis=1)).max())
    gap = max(float(np.median(radii)) * 0.5, EXTENT * 0.01)
    need = radii[:, None] + radii[None, :] + gap
    area = radii * radii + gap * gap
    share = area[None, :] / (area[:, None] + area[None, :])  # the smaller of a pair moves more
    # Coincident centres part along a direction fixed by their order.
    angle = np.arange(len(groups)) * GOLDEN_ANGLE
    fallback = polar(np.ones(len(groups)), angle)
    moved = centres.copy()
    for _ in range(PACK_ROUNDS):
        delta = moved[:, None, :] - moved[None, :, :]
        dist = np.sqrt((delta * delta).sum(axis=2))
        overlap = need - dist
        np.fill_diagonal(overlap, 0.0)
        if overlap.max() <= gap * 0.05:  # near enough: a twentieth of the gap
            break
        unit = np.where(dist[:, :, None] > 1e-9, delta / np.where(dist > 1e-9, dist, 1.0)[:, :, None], 0.0)
        unit += np.where(dist[:, :, None] > 1e-9, 0.0, fallback[:, None, :] - fallback[None, :, :])
        push = np.where(overlap > 0, overlap * share, 0.0)
        moved = moved + (unit * push[:, :, None]).sum(axis=1) * PACK_STEP
    offsets = np.zeros_like(pos)
    for number, group in enumerate(groups):
        offsets[group] = moved[number] - centres[number]
    return pos + offsets


def layout(
    ids: Sequence[str], edges: Sequence[tuple[str, str]], seed: int = DEFAULT_SEED
) -> dict[str, tuple[float, float]]:
    """Positions by node id; ``edges`` are (source id, target id) pairs of ids in ``ids``.

    Nodes with edges get ForceAtlas2, their components packed apart, within +-EXTENT; isolated nodes (most
    entities of a news batch are mentioned without a relation) go round them on a ring of the same density,
    in the order given, so they neither push the connected picture apart nor hide it. The last few layouts
    are kept, so a run that writes GEXF and the view page lays its graph out once.
    """
    return dict(cached_layout(tuple(ids), tuple(edges), seed))


@lru_cache(maxsize=4)
def cached_layout(
    ids: tuple[str, ...], edges: tuple[tuple[str, str], ...], seed: int
) -> dict[str, tuple[float, float]]:
    """The work of :func:`layout`, on hashable arguments."""
    index = {node_id: number for number, node_id in enumerate(ids)}
    # Sorted, so the order the edges come in (a file's, a reader's) does not change the sums, nor the picture.
    pairs = sorted((index[s], index[t]) for s, t in edges if s in index and t in index and s != t)
    linked = sorted({i for pair in pairs for i in pair})
    position = {old: new for new, old in enumerate(linked)}
    coords = np.zeros((len(ids), 2))
    if linked:
        local = [(position[s], position[t]) for s, t in pairs]
        coords[linked] = normalise(pack(forceatlas2([ids[i] for i in linked], local, seed), local))
    isolated = [i for i in range(len(ids)) if i not in position]
    if isolated:
        if linked:
            ring = sunflower(len(isolated), EXTENT * 1.15, math.pi * EXTENT * EXTENT / len(linked))
        else:
            ring = sunflower(len(isolated), 0.0, math.pi * EXTENT * EXTENT / len(isolated))
        coords[isolated] = np.round(ring, 2) + 0.0
    return {node_id: (float(coords[i, 0]), float(coords[i, 1])) for i, node_id in enumerate(ids)}
