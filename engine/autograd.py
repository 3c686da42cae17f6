"""The backward engine: graph nodes, dependency counting, and torch's backward()/grad() rules.

The engine knows nothing about individual ops. A `Node` (a tensor's `grad_fn`) holds the
primitive that produced it, the tensors that primitive saved, and one edge per tensor input; the
engine walks nodes in torch's order, calls each primitive's derivative formulas, and is the one
place where gradients are summed back to an input's shape (`sum_to`) and cast to its dtype.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import warnings
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from engine import dtypes, errors, journal, limits
from engine.grad_mode import _state as _grad_state

if TYPE_CHECKING:
    from engine.ops.registry import Primitive

_seq = itertools.count()
_limit_state = limits._state
_acc_seq = itertools.count(-(1 << 62))  # AccumulateGrad runs first once ready: lowest heap keys

NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information."
)
CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter "
    "and its gradient which can cause a memory leak. We recommend using autograd.grad when "
    "creating the graph to avoid this. If you have to use this function, make sure to reset the "
    ".grad fields of your parameters to None after use to break the cycle and avoid the leak."
)
_create_graph_warned = False


class Node:
    """A recorded op application: what `tensor.grad_fn` returns.

    Saved tensors are looked up as attributes (`node.other`, `node.result`), the way torch's
    derivative formulas name them; reading one after the graph was freed raises torch's error.
    A saved *output* is kept as its raw array and rebuilt on access with this node as grad_fn,
    so a node never references its own output tensor (no reference cycles).
    """

    __slots__ = (
        "__weakref__",
        "_attrs",
        "_freed",
        "_meta",
        "_more",
        "_n0",
        "_n1",
        "_prim",
        "_retained",
        "_seq",
    )

    _prim: Primitive
    _attrs: dict[str, Any]
    # Saved tensors live in slots of the primitive's node class (registry._node_class_for);
    # `_saved_plan` lists the (name, slot, source) entries this node filled. Nodes that save
    # nothing read the class default.
    _saved_plan: tuple[tuple[str, str, int], ...] = ()
    # Where each input's gradient goes (its grad_fn, its leaf's AccumulateGrad, or None): the
    # first two inputs inline (`_n0`, `_n1`; None past the node's arity), the rest in `_more`
    # (None for arity <= 2). Inline, because a recorded op should cost the cyclic collector one
    # tracked object, not two: the collector's passes over a large live graph are the part of
    # forward that grows faster than the graph (see the README's Performance section).
    _n0: Node | None
    _n1: Node | None
    _more: tuple[Node | None, ...] | None
    # Each input's shape and dtype, flat (shape0, dtype0, shape1, dtype1, ...): where backward's
    # sum_to and cast bring that input's gradient. Interned (registry.apply), so it is shared
    # and holds nothing the collector tracks.
    _meta: tuple[Any, ...]

    @property
    def _next(self) -> tuple[Node | None, ...]:
        """The node each input's gradient goes to (None where none is needed), one per input."""
        more = self._more
        if more is not None:
            return (self._n0, self._n1, *more)
        return (self._n0, self._n1)[: len(self._meta) // 2]

    @property
    def next_functions(self) -> tuple[tuple[Node | None, int], ...]:
        """torch's (node, output index) pairs; every engine node has a single output."""
        return tuple([(n, 0) for n in self._next])

    def name(self) -> str:
        return type(self).__name__

    def input_shape(self, i: int) -> tuple[int, ...]:
        """Shape of the i-th input when the op ran (what a formula needs to undo a reduction)."""
        return self._meta[2 * i]

    def __repr__(self) -> str:
        # torch prints the class name: `<AccumulateGrad object at …>` although its name() is
        # 'torch::autograd::AccumulateGrad'.
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    @property
    def _saved(self) -> dict[str, Any]:
        """What this node saved, by name (`_FREED` once released; outputs as `_SavedOutput`)."""
        return {name: getattr(self, slot) for name, slot, _ in self._saved_plan}

    @property
    def saved_bytes(self) -> int:
        """Bytes held by this node's saved tensors (0 once freed)."""
        total = 0
        for value in self._saved.values():
            if isinstance(value, _SavedOutput):
                total += value.data.nbytes
            elif value is not _FREED:
                total += value._data.nbytes
        return total

    def _release(self) -> None:
        """Drop the saved tensors after a backward without retain_graph (journalled in a run)."""
        plan = self._saved_plan
        if not plan or self._freed:
            return
        if journal._state.log is None:
            for _, slot, _ in plan:
                setattr(self, slot, _FREED)
            self._freed = True
        else:
            changes = [(slot, _FREED) for _, slot, _ in plan]
            journal.record_many(self, (*changes, ("_freed", True)))


class _Freed:
    def __repr__(self) -> str:
        return "<freed>"


_FREED = _Freed()


class _SavedOutput:
    """An op's own output, saved without a reference back to the output tensor."""

    __slots__ = ("data",)

    def __init__(self, data: np.ndarray) -> None:
        self.data = data

    def unpack(self, node: Node) -> Tensor:
        from engine.tensor import Tensor

        if _grad_state.enabled:
            return Tensor._make(self.data, node)
        return Tensor._make(self.data, None)


class AccumulateGrad(Node):
    """The sink of a leaf that requires grad; one per leaf while a graph references it."""

    __slots__ = ("variable",)

    variable: Tensor

    def name(self) -> str:
        return "torch::autograd::AccumulateGrad"


_node_classes: dict[str, type[Node]] = {}


def node_class(grad_fn: str) -> type[Node]:
    """The Node subclass for a grad_fn name, so `type(node).__name__ == node.name()`."""
    klass = _node_classes.get(grad_fn)
    if klass is None:
        klass = type(grad_fn, (Node,), {"__slots__": ()})
        _node_classes[grad_fn] = klass
    return klass


def accumulator(leaf: Tensor) -> AccumulateGrad:
    """The leaf's AccumulateGrad node, shared by every edge to it while any graph holds it."""
    ref = leaf._acc
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad.__new__(AccumulateGrad)
        node.variable = leaf
        node._n0 = node._n1 = node._more = None
        node._meta = ()
        node._attrs = {}
        node._freed = False
        node._retained = None
        node._seq = next(_acc_seq)
        leaf._acc = weakref.ref(node)
    return node


def edge_of(t: Tensor) -> Node | None:
    """Where a gradient for `t` must go: its grad_fn, its accumulator, or nowhere."""
    if not t._requires_grad:
        return None
    fn = t._grad_fn
    return fn if fn is not None else accumulator(t)


# --------------------------------------------------------------------------------------------
# The walk


def _size_str(shape: tuple[int, ...]) -> str:
    return "torch.Size([" + ", ".join(str(d) for d in shape) + "])"


def _make_root_grads(
    outputs: Sequence[Tensor], grads: Sequence[Tensor | None], *, api_grad: bool
) -> list[Tensor]:
    """Validate grad_outputs against outputs as torch does (facts §2.1-2.3, §4)."""

    if len(grads) < len(outputs):
        raise errors.RuntimeError(f"got {len(outputs)} tensors and {len(grads)} gradients")
    result: list[Tensor] = []
    for i, out in enumerate(outputs):
        g = grads[i]
        if g is None:
            if out._requires_grad and out._data.size != 1:
                raise errors.RuntimeError("grad can be implicitly created only for scalar outputs")
            g = Tensor._make(np.ones_like(out._data), None)
        elif not isinstance(g, Tensor):
            raise errors.TypeError(
                f"gradients can be either Tensors or None, but got {type(g).__name__}"
            )
        elif g.shape != out.shape:
            raise errors.RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {_size_str(g.shape)} and "
                f"output[{i}] has a shape of {_size_str(out.shape)}."
            )
        result.append(g)
    for i, out in enumerate(outputs):
        if not out._requires_grad:
            raise errors.RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
    del api_grad
    return result


def _collect(roots: Sequence[Node]) -> dict[Node, int]:
    """Dependency counts (incoming edges) of every node reachable from the roots, iteratively.

    A node is first reached when it gets its first count; roots start the walk instead.
    """
    deps: dict[Node, int] = {}
    stack = list(dict.fromkeys(roots))
    roots_set = set(stack)
    while stack:
        node = stack.pop()
        for nxt in (node._n0, node._n1) if node._more is None else node._next:
            if nxt is None:
                continue
            count = deps.get(nxt)
            if count is not None:
                deps[nxt] = count + 1
                continue
            deps[nxt] = 1
            if nxt not in roots_set:
                stack.append(nxt)
    return deps


def _needed(roots: list[Node], targets: set[Node]) -> set[Node]:
    """Nodes on some path from the roots to a target (torch's exec_info for `inputs=`)."""
    # A DFS post-order lists every node after all the nodes it points to, so one pass decides.
    post: list[Node] = []
    state: dict[Node, int] = {}
    for root in roots:
        if root in state:
            continue
        stack: list[tuple[Node, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack.pop()
            nexts = node._next
            while i < len(nexts) and (nexts[i] is None or nexts[i] in state):
                i += 1
            if i < len(nexts):
                stack.append((node, i + 1))
                child = nexts[i]
                assert child is not None
                state[child] = 1
                stack.append((child, 0))
            else:
                post.append(node)
    needed: set[Node] = set()
    for node in post:  # children come before parents in post-order
        if node in targets or any(n is not None and n in needed for n in node._next):
            needed.add(node)
    return needed


def _accumulate_into(t: Tensor, g: Tensor, create_graph: bool) -> None:
    """Add `g` into `t.grad` as AccumulateGrad does: first store a copy, then add (facts §3)."""

    if g._data.dtype != t._data.dtype:
        g = g.to(t.dtype)
    old = t._grad
    if old is None:
        if create_graph and g._requires_grad:
            from engine.ops.registry import apply_named

            new = apply_named("copy_grad", (g,), {})
        else:
            arr = g._data
            if not arr.flags.c_contiguous and t._data.flags.c_contiguous:
                # torch's layout contract: a stored .grad is strided like its leaf (a gradient
                # broadcast from a sum arrives as a zero-stride view)
                arr = np.ascontiguousarray(arr)
            new = Tensor._make(arr, None)
        journal.record(t, "_grad", new)
    elif create_graph and (g._requires_grad or old._requires_grad):
        journal.record(t, "_grad", old + g)
    else:
        journal.record(old, "_data", old._data + g._data)


def _heap_key(node: Node) -> int:
    # AccumulateGrad runs as soon as it is ready (torch gives it the highest priority); other
    # nodes run latest-created first. Keys are unique, so nodes themselves are never compared.
    return node._seq if type(node) is AccumulateGrad else -node._seq


def run_backward(
    outputs: Sequence[Tensor],
    grad_outputs: Sequence[Tensor],
    *,
    keep_graph: bool,
    create_graph: bool,
    inputs: Sequence[Tensor] | None,
    accumulate: bool,
) -> list[Tensor | None]:
    """Walk the graph from `outputs`; accumulate into `.grad` and/or capture grads of `inputs`.

    Returns, for each of `inputs`, the gradient that reached it (None if none did).
    Without create_graph, gradients travel between nodes as raw arrays (`raw`): no Tensor is
    built for an intermediate gradient unless a formula without a fast form needs one.
    """
    raw = not create_graph
    root_nodes: list[Node] = []
    pending: dict[Node, Any] = {}  # np.ndarray when raw, else Tensor
    for out, g in zip(outputs, grad_outputs):
        node = edge_of(out)
        assert node is not None
        if node not in pending:
            root_nodes.append(node)
            pending[node] = g._data if raw else g
        elif raw:
            pending[node] = np.asarray(pending[node] + g._data)
        else:
            pending[node] = pending[node] + g

    deps = _collect(root_nodes)

    capture: dict[Node, int] = {}
    needed: set[Node] | None = None
    if inputs is not None:
        for i, t in enumerate(inputs):
            node = _target_node(t)
            if node is not None:
                capture.setdefault(node, i)
        needed = _needed(root_nodes, set(capture))

    captured: list[Tensor | None] = [None] * (len(inputs) if inputs is not None else 0)
    heap: list[tuple[int, Node]] = []
    for node in root_nodes:
        if deps.get(node, 0) == 0 and (needed is None or node in needed):
            heapq.heappush(heap, (_heap_key(node), node))

    into_leaves = accumulate and inputs is None
    deadline = _limit_state.deadline  # the compute-time limit of the run this walk belongs to
    prev_mode = _grad_state.enabled
    _grad_state.enabled = create_graph
    # The walk allocates many short-lived objects and creates no reference cycles, so the cyclic
    # collector has nothing to find; pausing it keeps a 100k-node backward linear.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        while heap:
            if deadline is not None:  # array forms never pass through apply()
                limits.check_deadline()
            node = heapq.heappop(heap)[1]
            g = pending.pop(node, None)
            if g is None:
                _release_edges(node, deps, heap, needed)
                continue
            if capture and node in capture:
                gt = Tensor._make(g, None) if raw else g
                for i, t in enumerate(inputs or ()):
                    if _target_node(t) is node:
                        captured[i] = gt
                        if accumulate:
                            _accumulate_into(t, gt, create_graph)
            if type(node) is AccumulateGrad:
                if into_leaves:
                    _accumulate_into(
                        node.variable, Tensor._make(g, None) if raw else g, create_graph
                    )
                continue
            if into_leaves and node._retained is not None:
                gt = Tensor._make(g, None) if raw else g
                for ref in node._retained:
                    t = ref()
                    if t is not None and t._retains_grad:
                        _accumulate_into(t, gt, create_graph)
            _run_node(node, g, pending, needed, keep_graph, raw)
            _release_edges(node, deps, heap, needed)
    finally:
        _grad_state.enabled = prev_mode
        if gc_was_enabled:
            gc.enable()
    return captured


def _target_node(t: Tensor) -> Node | None:
    if t._grad_fn is not None:
        return t._grad_fn
    return t._acc() if t._acc is not None else None


def _run_node(
    node: Node,
    g: Any,
    pending: dict[Node, Any],
    needed: set[Node] | None,
    keep_graph: bool,
    raw: bool,
) -> None:
    """Apply one node's derivative formulas and hand each input's gradient to its edge.

    `g` is an ndarray when `raw` (no create_graph: each derivative's fast array form runs where
    it has one), else a Tensor. With `needed` (grad() or backward(inputs=...)) only edges leading
    to a requested input are computed; a node none of whose edges is needed is not executed at
    all — not checked for a freed graph, not released — as in torch.
    """
    meta = node._meta
    derivatives = node._prim.derivatives
    g_tensor = None if raw else g
    ran = False
    for i, nxt in enumerate((node._n0, node._n1) if node._more is None else node._next):
        if nxt is None or (needed is not None and nxt not in needed):
            continue
        if not ran:
            if node._freed:
                raise errors.graph_freed_error()
            ran = True
        deriv = derivatives[i]
        shape = meta[2 * i]
        dtype = meta[2 * i + 1]
        fast = deriv.fast if raw else None
        arr = fast(g, node) if fast is not None else None
        if arr is not None:
            if type(arr) is not np.ndarray:
                arr = np.asarray(arr)
            if arr.shape != shape:
                arr = _np_sum_to(arr, shape)
            if arr.dtype is not dtype:
                arr = arr.astype(dtype)
            gi: Any = arr
        else:
            if g_tensor is None:
                g_tensor = Tensor._make(g, None)
            gi = deriv.formula(g_tensor, node)
            if gi is None:
                continue
            if gi._data.shape != shape:
                gi = sum_to(gi, shape)
            if gi._data.dtype is not dtype and gi._data.dtype != dtype:
                gi = gi.to(dtypes.from_numpy(dtype))
            if raw:
                gi = gi._data
        prev = pending.get(nxt)
        if prev is None:
            pending[nxt] = gi
        elif raw:
            pending[nxt] = np.asarray(prev + gi)
        else:
            pending[nxt] = prev + gi
    if ran and not keep_graph:
        node._release()


def _release_edges(
    node: Node, deps: dict[Node, int], heap: list[tuple[int, Node]], needed: set[Node] | None
) -> None:
    """The node has run: each node it points to waits for one input fewer."""
    for nxt in (node._n0, node._n1) if node._more is None else node._next:
        if nxt is None:
            continue
        left = deps[nxt] - 1
        deps[nxt] = left
        if left == 0 and (needed is None or nxt in needed):
            heapq.heappush(heap, (_heap_key(nxt), nxt))


def _np_sum_to(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """`sum_to` on a raw array (the fast path of backward without create_graph)."""
    lead = g.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and g.shape[lead + i] != 1
    )
    if dims:
        g = g.sum(axis=dims, keepdims=True)
    return g.reshape(shape)


def sum_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sum a broadcast gradient back to an input's shape: the one place broadcasting is undone."""
    gshape = g._data.shape
    if gshape == shape:
        return g
    lead = len(gshape) - len(shape)
    dims = list(range(lead))
    for i, size in enumerate(shape):
        if size == 1 and gshape[lead + i] != 1:
            dims.append(lead + i)
    if dims:
        g = g.sum(dim=tuple(dims), keepdim=True)
    if g._data.shape != shape:
        g = g.reshape(shape)
    return g


# --------------------------------------------------------------------------------------------
# Public API: torch.autograd.backward / torch.autograd.grad


def _as_list(x: Any) -> list[Any]:

    if x is None:
        return []
    if isinstance(x, Tensor):
        return [x]
    return list(x)


def backward(
    tensors: Any,
    grad_tensors: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs: Any = None,
) -> None:
    """torch.autograd.backward: accumulate gradients of `tensors` into leaves' `.grad`."""

    global _create_graph_warned
    outputs = _as_list(tensors)
    if grad_tensors is None:
        grads: list[Any] = [None] * len(outputs)
    elif isinstance(grad_tensors, Tensor):
        grads = [grad_tensors]
    elif isinstance(grad_tensors, (int, float)):
        raise errors.TypeError(f"'{type(grad_tensors).__name__}' object is not iterable")
    else:
        grads = list(grad_tensors)
    input_list: list[Tensor] | None = None
    if inputs is not None:
        input_list = _as_list(inputs)
        if not input_list:
            raise errors.RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    if retain_graph is None:
        retain_graph = create_graph
    roots = _make_root_grads(outputs, grads, api_grad=False)
    if create_graph and not _create_graph_warned:
        _create_graph_warned = True
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    run_backward(
        outputs,
        roots,
        keep_graph=bool(retain_graph),
        create_graph=create_graph,
        inputs=input_list,
        accumulate=True,
    )


def grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> Any:
    """torch.autograd.grad: gradients of `outputs` w.r.t. `inputs`, without touching `.grad`."""

    del only_inputs
    if is_grads_batched:
        raise errors.NotImplementedError("is_grads_batched=True is not supported by gradserve")
    if isinstance(outputs, dict):
        raise errors.AssertionError("Expected output to be a torch.Tensor")
    if materialize_grads and allow_unused is False:
        raise errors.ValueError(
            "Expected allow_unused to be True or not passed when materialize_grads=True, "
            "but got: allow_unused=False."
        )
    if materialize_grads:
        allow_unused = True
    keys: list[Any] | None = None
    if isinstance(inputs, dict):
        keys = list(inputs.keys())
        input_list = list(inputs.values())
    else:
        input_list = _as_list(inputs)
    out_list = _as_list(outputs)
    if not input_list:
        raise errors.RuntimeError("`inputs` argument to `grad()` cannot be empty.")
    if grad_outputs is None:
        grads: list[Any] = [None] * len(out_list)
    elif isinstance(grad_outputs, Tensor):
        grads = [grad_outputs]
    else:
        grads = list(grad_outputs)
    for t in input_list:
        if not t._requires_grad:
            raise errors.RuntimeError("One of the differentiated Tensors does not require grad")
    if retain_graph is None:
        retain_graph = create_graph
    roots = _make_root_grads(out_list, grads, api_grad=True)
    result = run_backward(
        out_list,
        roots,
        keep_graph=bool(retain_graph),
        create_graph=create_graph,
        inputs=input_list,
        accumulate=False,
    )
    final: list[Tensor | None] = []
    for i, (t, g) in enumerate(zip(input_list, result)):
        if g is None:
            if not allow_unused:
                raise errors.RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the "
                    "graph. Set allow_unused=True if this is the desired behavior."
                )
            if materialize_grads:
                g = Tensor._make(np.zeros_like(t._data), None)
        elif g._data.dtype != t._data.dtype:
            g = g.to(t.dtype)
        if g is not None and not create_graph and g._grad_fn is not None:
            g = Tensor._make(g._data, None)  # detached; nothing else holds this array
        final.append(g)
    if keys is not None:
        return dict(zip(keys, final))
    return tuple(final)


# Imported last: tensor.py imports this module's Node at its top (the package imports autograd
# first), and the backward loop needs the class itself, not a per-call import.
from engine.tensor import Tensor  # noqa: E402
