from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.evaluate_request_encoding import EvaluateRequestEncoding, check_evaluate_request_encoding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.abs_node import AbsNode
    from ..models.acos_node import AcosNode
    from ..models.add_node import AddNode
    from ..models.addmm_node import AddmmNode
    from ..models.all_node import AllNode
    from ..models.amax_node import AmaxNode
    from ..models.amin_node import AminNode
    from ..models.any_node import AnyNode
    from ..models.argmax_node import ArgmaxNode
    from ..models.argmin_node import ArgminNode
    from ..models.asin_node import AsinNode
    from ..models.atan_node import AtanNode
    from ..models.binary_cross_entropy_node import BinaryCrossEntropyNode
    from ..models.binary_cross_entropy_with_logits_node import BinaryCrossEntropyWithLogitsNode
    from ..models.bmm_node import BmmNode
    from ..models.bool_node import BoolNode
    from ..models.broadcast_to_node import BroadcastToNode
    from ..models.cat_node import CatNode
    from ..models.ceil_node import CeilNode
    from ..models.chunk_node import ChunkNode
    from ..models.clamp_max_node import ClampMaxNode
    from ..models.clamp_min_node import ClampMinNode
    from ..models.clamp_node import ClampNode
    from ..models.clip_node import ClipNode
    from ..models.clone_node import CloneNode
    from ..models.concat_node import ConcatNode
    from ..models.concatenate_node import ConcatenateNode
    from ..models.contiguous_node import ContiguousNode
    from ..models.cos_node import CosNode
    from ..models.cosh_node import CoshNode
    from ..models.cross_entropy_node import CrossEntropyNode
    from ..models.cumprod_node import CumprodNode
    from ..models.cumsum_node import CumsumNode
    from ..models.div_node import DivNode
    from ..models.dot_node import DotNode
    from ..models.double_node import DoubleNode
    from ..models.einsum_node import EinsumNode
    from ..models.elu_node import EluNode
    from ..models.eq_node import EqNode
    from ..models.erf_node import ErfNode
    from ..models.evaluate_backward import EvaluateBackward
    from ..models.evaluate_request_tensors import EvaluateRequestTensors
    from ..models.exp_2_node import Exp2Node
    from ..models.exp_node import ExpNode
    from ..models.expand_as_node import ExpandAsNode
    from ..models.expand_node import ExpandNode
    from ..models.expm_1_node import Expm1Node
    from ..models.flatten_node import FlattenNode
    from ..models.flip_node import FlipNode
    from ..models.float_node import FloatNode
    from ..models.floor_node import FloorNode
    from ..models.fmod_node import FmodNode
    from ..models.frac_node import FracNode
    from ..models.gather_node import GatherNode
    from ..models.ge_node import GeNode
    from ..models.gelu_node import GeluNode
    from ..models.ger_node import GerNode
    from ..models.gt_node import GtNode
    from ..models.half_node import HalfNode
    from ..models.hardtanh_node import HardtanhNode
    from ..models.index_select_node import IndexSelectNode
    from ..models.int_node import IntNode
    from ..models.l1_loss_node import L1LossNode
    from ..models.le_node import LeNode
    from ..models.leaky_relu_node import LeakyReluNode
    from ..models.linear_node import LinearNode
    from ..models.log_1p_node import Log1PNode
    from ..models.log_2_node import Log2Node
    from ..models.log_10_node import Log10Node
    from ..models.log_node import LogNode
    from ..models.log_softmax_node import LogSoftmaxNode
    from ..models.logical_and_node import LogicalAndNode
    from ..models.logical_not_node import LogicalNotNode
    from ..models.logical_or_node import LogicalOrNode
    from ..models.logsigmoid_node import LogsigmoidNode
    from ..models.logsumexp_node import LogsumexpNode
    from ..models.long_node import LongNode
    from ..models.lt_node import LtNode
    from ..models.masked_fill_node import MaskedFillNode
    from ..models.masked_select_node import MaskedSelectNode
    from ..models.matmul_node import MatmulNode
    from ..models.max_node import MaxNode
    from ..models.maximum_node import MaximumNode
    from ..models.mean_node import MeanNode
    from ..models.min_node import MinNode
    from ..models.minimum_node import MinimumNode
    from ..models.mm_node import MmNode
    from ..models.movedim_node import MovedimNode
    from ..models.mse_loss_node import MseLossNode
    from ..models.mul_node import MulNode
    from ..models.mv_node import MvNode
    from ..models.narrow_node import NarrowNode
    from ..models.ne_node import NeNode
    from ..models.neg_node import NegNode
    from ..models.nll_loss_node import NllLossNode
    from ..models.norm_node import NormNode
    from ..models.outer_node import OuterNode
    from ..models.permute_node import PermuteNode
    from ..models.pow_node import PowNode
    from ..models.prod_node import ProdNode
    from ..models.ravel_node import RavelNode
    from ..models.reciprocal_node import ReciprocalNode
    from ..models.relu_6_node import Relu6Node
    from ..models.relu_node import ReluNode
    from ..models.remainder_node import RemainderNode
    from ..models.repeat_node import RepeatNode
    from ..models.reshape_as_node import ReshapeAsNode
    from ..models.reshape_node import ReshapeNode
    from ..models.roll_node import RollNode
    from ..models.round_node import RoundNode
    from ..models.rsqrt_node import RsqrtNode
    from ..models.select_node import SelectNode
    from ..models.sigmoid_node import SigmoidNode
    from ..models.sign_node import SignNode
    from ..models.silu_node import SiluNode
    from ..models.sin_node import SinNode
    from ..models.sinh_node import SinhNode
    from ..models.softmax_node import SoftmaxNode
    from ..models.softplus_node import SoftplusNode
    from ..models.split_node import SplitNode
    from ..models.sqrt_node import SqrtNode
    from ..models.square_node import SquareNode
    from ..models.squeeze_node import SqueezeNode
    from ..models.stack_node import StackNode
    from ..models.std_node import StdNode
    from ..models.sub_node import SubNode
    from ..models.sum_node import SumNode
    from ..models.swapaxes_node import SwapaxesNode
    from ..models.swapdims_node import SwapdimsNode
    from ..models.t_node import TNode
    from ..models.tan_node import TanNode
    from ..models.tanh_node import TanhNode
    from ..models.tile_node import TileNode
    from ..models.to_node import ToNode
    from ..models.transpose_node import TransposeNode
    from ..models.trunc_node import TruncNode
    from ..models.unbind_node import UnbindNode
    from ..models.unflatten_node import UnflattenNode
    from ..models.unsqueeze_node import UnsqueezeNode
    from ..models.var_node import VarNode
    from ..models.view_as_node import ViewAsNode
    from ..models.view_node import ViewNode
    from ..models.where_node import WhereNode


T = TypeVar("T", bound="EvaluateRequest")


@_attrs_define
class EvaluateRequest:
    """
    Attributes:
        source (None | str | Unset): PyTorch syntax (a safe subset of Python), one cell.
        nodes (list[AbsNode | AcosNode | AddmmNode | AddNode | AllNode | AmaxNode | AminNode | AnyNode | ArgmaxNode |
            ArgminNode | AsinNode | AtanNode | BinaryCrossEntropyNode | BinaryCrossEntropyWithLogitsNode | BmmNode |
            BoolNode | BroadcastToNode | CatNode | CeilNode | ChunkNode | ClampMaxNode | ClampMinNode | ClampNode | ClipNode
            | CloneNode | ConcatenateNode | ConcatNode | ContiguousNode | CoshNode | CosNode | CrossEntropyNode |
            CumprodNode | CumsumNode | DivNode | DotNode | DoubleNode | EinsumNode | EluNode | EqNode | ErfNode | Exp2Node |
            ExpandAsNode | ExpandNode | Expm1Node | ExpNode | FlattenNode | FlipNode | FloatNode | FloorNode | FmodNode |
            FracNode | GatherNode | GeluNode | GeNode | GerNode | GtNode | HalfNode | HardtanhNode | IndexSelectNode |
            IntNode | L1LossNode | LeakyReluNode | LeNode | LinearNode | Log10Node | Log1PNode | Log2Node | LogicalAndNode |
            LogicalNotNode | LogicalOrNode | LogNode | LogsigmoidNode | LogSoftmaxNode | LogsumexpNode | LongNode | LtNode |
            MaskedFillNode | MaskedSelectNode | MatmulNode | MaximumNode | MaxNode | MeanNode | MinimumNode | MinNode |
            MmNode | MovedimNode | MseLossNode | MulNode | MvNode | NarrowNode | NegNode | NeNode | NllLossNode | NormNode |
            OuterNode | PermuteNode | PowNode | ProdNode | RavelNode | ReciprocalNode | Relu6Node | ReluNode | RemainderNode
            | RepeatNode | ReshapeAsNode | ReshapeNode | RollNode | RoundNode | RsqrtNode | SelectNode | SigmoidNode |
            SignNode | SiluNode | SinhNode | SinNode | SoftmaxNode | SoftplusNode | SplitNode | SqrtNode | SquareNode |
            SqueezeNode | StackNode | StdNode | SubNode | SumNode | SwapaxesNode | SwapdimsNode | TanhNode | TanNode |
            TileNode | TNode | ToNode | TransposeNode | TruncNode | UnbindNode | UnflattenNode | UnsqueezeNode | VarNode |
            ViewAsNode | ViewNode | WhereNode] | None | Unset): A flat, topologically ordered list of op applications.
        tensors (EvaluateRequestTensors | Unset):
        backward (EvaluateBackward | None | Unset):
        encoding (EvaluateRequestEncoding | Unset):  Default: 'json'.
    """

    source: None | str | Unset = UNSET
    nodes: (
        list[
            AbsNode
            | AcosNode
            | AddmmNode
            | AddNode
            | AllNode
            | AmaxNode
            | AminNode
            | AnyNode
            | ArgmaxNode
            | ArgminNode
            | AsinNode
            | AtanNode
            | BinaryCrossEntropyNode
            | BinaryCrossEntropyWithLogitsNode
            | BmmNode
            | BoolNode
            | BroadcastToNode
            | CatNode
            | CeilNode
            | ChunkNode
            | ClampMaxNode
            | ClampMinNode
            | ClampNode
            | ClipNode
            | CloneNode
            | ConcatenateNode
            | ConcatNode
            | ContiguousNode
            | CoshNode
            | CosNode
            | CrossEntropyNode
            | CumprodNode
            | CumsumNode
            | DivNode
            | DotNode
            | DoubleNode
            | EinsumNode
            | EluNode
            | EqNode
            | ErfNode
            | Exp2Node
            | ExpandAsNode
            | ExpandNode
            | Expm1Node
            | ExpNode
            | FlattenNode
            | FlipNode
            | FloatNode
            | FloorNode
            | FmodNode
            | FracNode
            | GatherNode
            | GeluNode
            | GeNode
            | GerNode
            | GtNode
            | HalfNode
            | HardtanhNode
            | IndexSelectNode
            | IntNode
            | L1LossNode
            | LeakyReluNode
            | LeNode
            | LinearNode
            | Log10Node
            | Log1PNode
            | Log2Node
            | LogicalAndNode
            | LogicalNotNode
            | LogicalOrNode
            | LogNode
            | LogsigmoidNode
            | LogSoftmaxNode
            | LogsumexpNode
            | LongNode
            | LtNode
            | MaskedFillNode
            | MaskedSelectNode
            | MatmulNode
            | MaximumNode
            | MaxNode
            | MeanNode
            | MinimumNode
            | MinNode
            | MmNode
            | MovedimNode
            | MseLossNode
            | MulNode
            | MvNode
            | NarrowNode
            | NegNode
            | NeNode
            | NllLossNode
            | NormNode
            | OuterNode
            | PermuteNode
            | PowNode
            | ProdNode
            | RavelNode
            | ReciprocalNode
            | Relu6Node
            | ReluNode
            | RemainderNode
            | RepeatNode
            | ReshapeAsNode
            | ReshapeNode
            | RollNode
            | RoundNode
            | RsqrtNode
            | SelectNode
            | SigmoidNode
            | SignNode
            | SiluNode
            | SinhNode
            | SinNode
            | SoftmaxNode
            | SoftplusNode
            | SplitNode
            | SqrtNode
            | SquareNode
            | SqueezeNode
            | StackNode
            | StdNode
            | SubNode
            | SumNode
            | SwapaxesNode
            | SwapdimsNode
            | TanhNode
            | TanNode
            | TileNode
            | TNode
            | ToNode
            | TransposeNode
            | TruncNode
            | UnbindNode
            | UnflattenNode
            | UnsqueezeNode
            | VarNode
            | ViewAsNode
            | ViewNode
            | WhereNode
        ]
        | None
        | Unset
    ) = UNSET
    tensors: EvaluateRequestTensors | Unset = UNSET
    backward: EvaluateBackward | None | Unset = UNSET
    encoding: EvaluateRequestEncoding | Unset = "json"

    def to_dict(self) -> dict[str, Any]:
        from ..models.abs_node import AbsNode  # noqa: PLC0415
        from ..models.acos_node import AcosNode  # noqa: PLC0415
        from ..models.add_node import AddNode  # noqa: PLC0415
        from ..models.addmm_node import AddmmNode  # noqa: PLC0415
        from ..models.all_node import AllNode  # noqa: PLC0415
        from ..models.amax_node import AmaxNode  # noqa: PLC0415
        from ..models.amin_node import AminNode  # noqa: PLC0415
        from ..models.any_node import AnyNode  # noqa: PLC0415
        from ..models.argmax_node import ArgmaxNode  # noqa: PLC0415
        from ..models.argmin_node import ArgminNode  # noqa: PLC0415
        from ..models.asin_node import AsinNode  # noqa: PLC0415
        from ..models.atan_node import AtanNode  # noqa: PLC0415
        from ..models.binary_cross_entropy_node import BinaryCrossEntropyNode  # noqa: PLC0415
        from ..models.bmm_node import BmmNode  # noqa: PLC0415
        from ..models.bool_node import BoolNode  # noqa: PLC0415
        from ..models.broadcast_to_node import BroadcastToNode  # noqa: PLC0415
        from ..models.cat_node import CatNode  # noqa: PLC0415
        from ..models.ceil_node import CeilNode  # noqa: PLC0415
        from ..models.chunk_node import ChunkNode  # noqa: PLC0415
        from ..models.clamp_max_node import ClampMaxNode  # noqa: PLC0415
        from ..models.clamp_min_node import ClampMinNode  # noqa: PLC0415
        from ..models.clamp_node import ClampNode  # noqa: PLC0415
        from ..models.clip_node import ClipNode  # noqa: PLC0415
        from ..models.clone_node import CloneNode  # noqa: PLC0415
        from ..models.concat_node import ConcatNode  # noqa: PLC0415
        from ..models.concatenate_node import ConcatenateNode  # noqa: PLC0415
        from ..models.contiguous_node import ContiguousNode  # noqa: PLC0415
        from ..models.cos_node import CosNode  # noqa: PLC0415
        from ..models.cosh_node import CoshNode  # noqa: PLC0415
        from ..models.cross_entropy_node import CrossEntropyNode  # noqa: PLC0415
        from ..models.cumprod_node import CumprodNode  # noqa: PLC0415
        from ..models.cumsum_node import CumsumNode  # noqa: PLC0415
        from ..models.div_node import DivNode  # noqa: PLC0415
        from ..models.dot_node import DotNode  # noqa: PLC0415
        from ..models.double_node import DoubleNode  # noqa: PLC0415
        from ..models.einsum_node import EinsumNode  # noqa: PLC0415
        from ..models.elu_node import EluNode  # noqa: PLC0415
        from ..models.eq_node import EqNode  # noqa: PLC0415
        from ..models.erf_node import ErfNode  # noqa: PLC0415
        from ..models.evaluate_backward import EvaluateBackward  # noqa: PLC0415
        from ..models.exp_2_node import Exp2Node  # noqa: PLC0415
        from ..models.exp_node import ExpNode  # noqa: PLC0415
        from ..models.expand_as_node import ExpandAsNode  # noqa: PLC0415
        from ..models.expand_node import ExpandNode  # noqa: PLC0415
        from ..models.expm_1_node import Expm1Node  # noqa: PLC0415
        from ..models.flatten_node import FlattenNode  # noqa: PLC0415
        from ..models.flip_node import FlipNode  # noqa: PLC0415
        from ..models.float_node import FloatNode  # noqa: PLC0415
        from ..models.floor_node import FloorNode  # noqa: PLC0415
        from ..models.fmod_node import FmodNode  # noqa: PLC0415
        from ..models.frac_node import FracNode  # noqa: PLC0415
        from ..models.gather_node import GatherNode  # noqa: PLC0415
        from ..models.ge_node import GeNode  # noqa: PLC0415
        from ..models.gelu_node import GeluNode  # noqa: PLC0415
        from ..models.ger_node import GerNode  # noqa: PLC0415
        from ..models.gt_node import GtNode  # noqa: PLC0415
        from ..models.half_node import HalfNode  # noqa: PLC0415
        from ..models.hardtanh_node import HardtanhNode  # noqa: PLC0415
        from ..models.index_select_node import IndexSelectNode  # noqa: PLC0415
        from ..models.int_node import IntNode  # noqa: PLC0415
        from ..models.l1_loss_node import L1LossNode  # noqa: PLC0415
        from ..models.le_node import LeNode  # noqa: PLC0415
        from ..models.leaky_relu_node import LeakyReluNode  # noqa: PLC0415
        from ..models.linear_node import LinearNode  # noqa: PLC0415
        from ..models.log_1p_node import Log1PNode  # noqa: PLC0415
        from ..models.log_2_node import Log2Node  # noqa: PLC0415
        from ..models.log_10_node import Log10Node  # noqa: PLC0415
        from ..models.log_node import LogNode  # noqa: PLC0415
        from ..models.log_softmax_node import LogSoftmaxNode  # noqa: PLC0415
        from ..models.logical_and_node import LogicalAndNode  # noqa: PLC0415
        from ..models.logical_not_node import LogicalNotNode  # noqa: PLC0415
        from ..models.logical_or_node import LogicalOrNode  # noqa: PLC0415
        from ..models.logsigmoid_node import LogsigmoidNode  # noqa: PLC0415
        from ..models.logsumexp_node import LogsumexpNode  # noqa: PLC0415
        from ..models.long_node import LongNode  # noqa: PLC0415
        from ..models.lt_node import LtNode  # noqa: PLC0415
        from ..models.masked_fill_node import MaskedFillNode  # noqa: PLC0415
        from ..models.masked_select_node import MaskedSelectNode  # noqa: PLC0415
        from ..models.matmul_node import MatmulNode  # noqa: PLC0415
        from ..models.max_node import MaxNode  # noqa: PLC0415
        from ..models.maximum_node import MaximumNode  # noqa: PLC0415
        from ..models.mean_node import MeanNode  # noqa: PLC0415
        from ..models.min_node import MinNode  # noqa: PLC0415
        from ..models.minimum_node import MinimumNode  # noqa: PLC0415
        from ..models.mm_node import MmNode  # noqa: PLC0415
        from ..models.movedim_node import MovedimNode  # noqa: PLC0415
        from ..models.mse_loss_node import MseLossNode  # noqa: PLC0415
        from ..models.mul_node import MulNode  # noqa: PLC0415
        from ..models.mv_node import MvNode  # noqa: PLC0415
        from ..models.narrow_node import NarrowNode  # noqa: PLC0415
        from ..models.ne_node import NeNode  # noqa: PLC0415
        from ..models.neg_node import NegNode  # noqa: PLC0415
        from ..models.nll_loss_node import NllLossNode  # noqa: PLC0415
        from ..models.norm_node import NormNode  # noqa: PLC0415
        from ..models.outer_node import OuterNode  # noqa: PLC0415
        from ..models.permute_node import PermuteNode  # noqa: PLC0415
        from ..models.pow_node import PowNode  # noqa: PLC0415
        from ..models.prod_node import ProdNode  # noqa: PLC0415
        from ..models.ravel_node import RavelNode  # noqa: PLC0415
        from ..models.reciprocal_node import ReciprocalNode  # noqa: PLC0415
        from ..models.relu_6_node import Relu6Node  # noqa: PLC0415
        from ..models.relu_node import ReluNode  # noqa: PLC0415
        from ..models.remainder_node import RemainderNode  # noqa: PLC0415
        from ..models.repeat_node import RepeatNode  # noqa: PLC0415
        from ..models.reshape_as_node import ReshapeAsNode  # noqa: PLC0415
        from ..models.reshape_node import ReshapeNode  # noqa: PLC0415
        from ..models.roll_node import RollNode  # noqa: PLC0415
        from ..models.round_node import RoundNode  # noqa: PLC0415
        from ..models.rsqrt_node import RsqrtNode  # noqa: PLC0415
        from ..models.select_node import SelectNode  # noqa: PLC0415
        from ..models.sigmoid_node import SigmoidNode  # noqa: PLC0415
        from ..models.sign_node import SignNode  # noqa: PLC0415
        from ..models.silu_node import SiluNode  # noqa: PLC0415
        from ..models.sin_node import SinNode  # noqa: PLC0415
        from ..models.sinh_node import SinhNode  # noqa: PLC0415
        from ..models.softmax_node import SoftmaxNode  # noqa: PLC0415
        from ..models.softplus_node import SoftplusNode  # noqa: PLC0415
        from ..models.split_node import SplitNode  # noqa: PLC0415
        from ..models.sqrt_node import SqrtNode  # noqa: PLC0415
        from ..models.square_node import SquareNode  # noqa: PLC0415
        from ..models.squeeze_node import SqueezeNode  # noqa: PLC0415
        from ..models.stack_node import StackNode  # noqa: PLC0415
        from ..models.std_node import StdNode  # noqa: PLC0415
        from ..models.sub_node import SubNode  # noqa: PLC0415
        from ..models.sum_node import SumNode  # noqa: PLC0415
        from ..models.swapaxes_node import SwapaxesNode  # noqa: PLC0415
        from ..models.swapdims_node import SwapdimsNode  # noqa: PLC0415
        from ..models.t_node import TNode  # noqa: PLC0415
        from ..models.tan_node import TanNode  # noqa: PLC0415
        from ..models.tanh_node import TanhNode  # noqa: PLC0415
        from ..models.tile_node import TileNode  # noqa: PLC0415
        from ..models.to_node import ToNode  # noqa: PLC0415
        from ..models.transpose_node import TransposeNode  # noqa: PLC0415
        from ..models.trunc_node import TruncNode  # noqa: PLC0415
        from ..models.unbind_node import UnbindNode  # noqa: PLC0415
        from ..models.unflatten_node import UnflattenNode  # noqa: PLC0415
        from ..models.unsqueeze_node import UnsqueezeNode  # noqa: PLC0415
        from ..models.var_node import VarNode  # noqa: PLC0415
        from ..models.view_as_node import ViewAsNode  # noqa: PLC0415
        from ..models.view_node import ViewNode  # noqa: PLC0415
        from ..models.where_node import WhereNode  # noqa: PLC0415

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        nodes: list[dict[str, Any]] | None | Unset
        if isinstance(self.nodes, Unset):
            nodes = UNSET
        elif isinstance(self.nodes, list):
            nodes = []
            for nodes_type_0_item_data in self.nodes:
                nodes_type_0_item: dict[str, Any]
                if isinstance(nodes_type_0_item_data, AddNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SubNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MulNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, DivNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ReciprocalNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, NegNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, PowNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SquareNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ExpNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, WhereNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, EqNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, NeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LtNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, GtNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, GeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogicalAndNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogicalOrNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogicalNotNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SinNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CosNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TanNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AsinNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AcosNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AtanNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SinhNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CoshNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TanhNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Exp2Node):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Expm1Node):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Log2Node):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Log10Node):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Log1PNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SqrtNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RsqrtNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SigmoidNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ErfNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AbsNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SignNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ReluNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FloorNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CeilNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TruncNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RoundNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FracNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MaximumNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MinimumNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ClampNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ClipNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ClampMinNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ClampMaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MaskedFillNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RemainderNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FmodNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ViewNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ReshapeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ViewAsNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ReshapeAsNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FlattenNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RavelNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, UnflattenNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CloneNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ContiguousNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TransposeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SwapaxesNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SwapdimsNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, PermuteNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MovedimNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, UnsqueezeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SqueezeNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ExpandNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ExpandAsNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, BroadcastToNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SelectNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, NarrowNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RepeatNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, TileNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FlipNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, RollNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CatNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ConcatNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ConcatenateNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, StackNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SplitNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ChunkNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, UnbindNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ToNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, FloatNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, DoubleNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, HalfNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LongNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, IntNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, BoolNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, GatherNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, IndexSelectNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MaskedSelectNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SumNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MeanNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ProdNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CumsumNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CumprodNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, VarNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, StdNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, NormNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogsumexpNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MinNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AmaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AminNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ArgmaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, ArgminNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AllNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AnyNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MmNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, BmmNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, DotNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MvNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, AddmmNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MatmulNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LinearNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, OuterNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, GerNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, EinsumNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, HardtanhNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, Relu6Node):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LeakyReluNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, EluNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, GeluNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SiluNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SoftplusNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogsigmoidNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, SoftmaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, LogSoftmaxNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, MseLossNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, L1LossNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, NllLossNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, CrossEntropyNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                elif isinstance(nodes_type_0_item_data, BinaryCrossEntropyNode):
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()
                else:
                    nodes_type_0_item = nodes_type_0_item_data.to_dict()

                nodes.append(nodes_type_0_item)

        else:
            nodes = self.nodes

        tensors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tensors, Unset):
            tensors = self.tensors.to_dict()

        backward: dict[str, Any] | None | Unset
        if isinstance(self.backward, Unset):
            backward = UNSET
        elif isinstance(self.backward, EvaluateBackward):
            backward = self.backward.to_dict()
        else:
            backward = self.backward

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if source is not UNSET:
            field_dict["source"] = source
        if nodes is not UNSET:
            field_dict["nodes"] = nodes
        if tensors is not UNSET:
            field_dict["tensors"] = tensors
        if backward is not UNSET:
            field_dict["backward"] = backward
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.abs_node import AbsNode  # noqa: PLC0415
        from ..models.acos_node import AcosNode  # noqa: PLC0415
        from ..models.add_node import AddNode  # noqa: PLC0415
        from ..models.addmm_node import AddmmNode  # noqa: PLC0415
        from ..models.all_node import AllNode  # noqa: PLC0415
        from ..models.amax_node import AmaxNode  # noqa: PLC0415
        from ..models.amin_node import AminNode  # noqa: PLC0415
        from ..models.any_node import AnyNode  # noqa: PLC0415
        from ..models.argmax_node import ArgmaxNode  # noqa: PLC0415
        from ..models.argmin_node import ArgminNode  # noqa: PLC0415
        from ..models.asin_node import AsinNode  # noqa: PLC0415
        from ..models.atan_node import AtanNode  # noqa: PLC0415
        from ..models.binary_cross_entropy_node import BinaryCrossEntropyNode  # noqa: PLC0415
        from ..models.binary_cross_entropy_with_logits_node import BinaryCrossEntropyWithLogitsNode  # noqa: PLC0415
        from ..models.bmm_node import BmmNode  # noqa: PLC0415
        from ..models.bool_node import BoolNode  # noqa: PLC0415
        from ..models.broadcast_to_node import BroadcastToNode  # noqa: PLC0415
        from ..models.cat_node import CatNode  # noqa: PLC0415
        from ..models.ceil_node import CeilNode  # noqa: PLC0415
        from ..models.chunk_node import ChunkNode  # noqa: PLC0415
        from ..models.clamp_max_node import ClampMaxNode  # noqa: PLC0415
        from ..models.clamp_min_node import ClampMinNode  # noqa: PLC0415
        from ..models.clamp_node import ClampNode  # noqa: PLC0415
        from ..models.clip_node import ClipNode  # noqa: PLC0415
        from ..models.clone_node import CloneNode  # noqa: PLC0415
        from ..models.concat_node import ConcatNode  # noqa: PLC0415
        from ..models.concatenate_node import ConcatenateNode  # noqa: PLC0415
        from ..models.contiguous_node import ContiguousNode  # noqa: PLC0415
        from ..models.cos_node import CosNode  # noqa: PLC0415
        from ..models.cosh_node import CoshNode  # noqa: PLC0415
        from ..models.cross_entropy_node import CrossEntropyNode  # noqa: PLC0415
        from ..models.cumprod_node import CumprodNode  # noqa: PLC0415
        from ..models.cumsum_node import CumsumNode  # noqa: PLC0415
        from ..models.div_node import DivNode  # noqa: PLC0415
        from ..models.dot_node import DotNode  # noqa: PLC0415
        from ..models.double_node import DoubleNode  # noqa: PLC0415
        from ..models.einsum_node import EinsumNode  # noqa: PLC0415
        from ..models.elu_node import EluNode  # noqa: PLC0415
        from ..models.eq_node import EqNode  # noqa: PLC0415
        from ..models.erf_node import ErfNode  # noqa: PLC0415
        from ..models.evaluate_backward import EvaluateBackward  # noqa: PLC0415
        from ..models.evaluate_request_tensors import EvaluateRequestTensors  # noqa: PLC0415
        from ..models.exp_2_node import Exp2Node  # noqa: PLC0415
        from ..models.exp_node import ExpNode  # noqa: PLC0415
        from ..models.expand_as_node import ExpandAsNode  # noqa: PLC0415
        from ..models.expand_node import ExpandNode  # noqa: PLC0415
        from ..models.expm_1_node import Expm1Node  # noqa: PLC0415
        from ..models.flatten_node import FlattenNode  # noqa: PLC0415
        from ..models.flip_node import FlipNode  # noqa: PLC0415
        from ..models.float_node import FloatNode  # noqa: PLC0415
        from ..models.floor_node import FloorNode  # noqa: PLC0415
        from ..models.fmod_node import FmodNode  # noqa: PLC0415
        from ..models.frac_node import FracNode  # noqa: PLC0415
        from ..models.gather_node import GatherNode  # noqa: PLC0415
        from ..models.ge_node import GeNode  # noqa: PLC0415
        from ..models.gelu_node import GeluNode  # noqa: PLC0415
        from ..models.ger_node import GerNode  # noqa: PLC0415
        from ..models.gt_node import GtNode  # noqa: PLC0415
        from ..models.half_node import HalfNode  # noqa: PLC0415
        from ..models.hardtanh_node import HardtanhNode  # noqa: PLC0415
        from ..models.index_select_node import IndexSelectNode  # noqa: PLC0415
        from ..models.int_node import IntNode  # noqa: PLC0415
        from ..models.l1_loss_node import L1LossNode  # noqa: PLC0415
        from ..models.le_node import LeNode  # noqa: PLC0415
        from ..models.leaky_relu_node import LeakyReluNode  # noqa: PLC0415
        from ..models.linear_node import LinearNode  # noqa: PLC0415
        from ..models.log_1p_node import Log1PNode  # noqa: PLC0415
        from ..models.log_2_node import Log2Node  # noqa: PLC0415
        from ..models.log_10_node import Log10Node  # noqa: PLC0415
        from ..models.log_node import LogNode  # noqa: PLC0415
        from ..models.log_softmax_node import LogSoftmaxNode  # noqa: PLC0415
        from ..models.logical_and_node import LogicalAndNode  # noqa: PLC0415
        from ..models.logical_not_node import LogicalNotNode  # noqa: PLC0415
        from ..models.logical_or_node import LogicalOrNode  # noqa: PLC0415
        from ..models.logsigmoid_node import LogsigmoidNode  # noqa: PLC0415
        from ..models.logsumexp_node import LogsumexpNode  # noqa: PLC0415
        from ..models.long_node import LongNode  # noqa: PLC0415
        from ..models.lt_node import LtNode  # noqa: PLC0415
        from ..models.masked_fill_node import MaskedFillNode  # noqa: PLC0415
        from ..models.masked_select_node import MaskedSelectNode  # noqa: PLC0415
        from ..models.matmul_node import MatmulNode  # noqa: PLC0415
        from ..models.max_node import MaxNode  # noqa: PLC0415
        from ..models.maximum_node import MaximumNode  # noqa: PLC0415
        from ..models.mean_node import MeanNode  # noqa: PLC0415
        from ..models.min_node import MinNode  # noqa: PLC0415
        from ..models.minimum_node import MinimumNode  # noqa: PLC0415
        from ..models.mm_node import MmNode  # noqa: PLC0415
        from ..models.movedim_node import MovedimNode  # noqa: PLC0415
        from ..models.mse_loss_node import MseLossNode  # noqa: PLC0415
        from ..models.mul_node import MulNode  # noqa: PLC0415
        from ..models.mv_node import MvNode  # noqa: PLC0415
        from ..models.narrow_node import NarrowNode  # noqa: PLC0415
        from ..models.ne_node import NeNode  # noqa: PLC0415
        from ..models.neg_node import NegNode  # noqa: PLC0415
        from ..models.nll_loss_node import NllLossNode  # noqa: PLC0415
        from ..models.norm_node import NormNode  # noqa: PLC0415
        from ..models.outer_node import OuterNode  # noqa: PLC0415
        from ..models.permute_node import PermuteNode  # noqa: PLC0415
        from ..models.pow_node import PowNode  # noqa: PLC0415
        from ..models.prod_node import ProdNode  # noqa: PLC0415
        from ..models.ravel_node import RavelNode  # noqa: PLC0415
        from ..models.reciprocal_node import ReciprocalNode  # noqa: PLC0415
        from ..models.relu_6_node import Relu6Node  # noqa: PLC0415
        from ..models.relu_node import ReluNode  # noqa: PLC0415
        from ..models.remainder_node import RemainderNode  # noqa: PLC0415
        from ..models.repeat_node import RepeatNode  # noqa: PLC0415
        from ..models.reshape_as_node import ReshapeAsNode  # noqa: PLC0415
        from ..models.reshape_node import ReshapeNode  # noqa: PLC0415
        from ..models.roll_node import RollNode  # noqa: PLC0415
        from ..models.round_node import RoundNode  # noqa: PLC0415
        from ..models.rsqrt_node import RsqrtNode  # noqa: PLC0415
        from ..models.select_node import SelectNode  # noqa: PLC0415
        from ..models.sigmoid_node import SigmoidNode  # noqa: PLC0415
        from ..models.sign_node import SignNode  # noqa: PLC0415
        from ..models.silu_node import SiluNode  # noqa: PLC0415
        from ..models.sin_node import SinNode  # noqa: PLC0415
        from ..models.sinh_node import SinhNode  # noqa: PLC0415
        from ..models.softmax_node import SoftmaxNode  # noqa: PLC0415
        from ..models.softplus_node import SoftplusNode  # noqa: PLC0415
        from ..models.split_node import SplitNode  # noqa: PLC0415
        from ..models.sqrt_node import SqrtNode  # noqa: PLC0415
        from ..models.square_node import SquareNode  # noqa: PLC0415
        from ..models.squeeze_node import SqueezeNode  # noqa: PLC0415
        from ..models.stack_node import StackNode  # noqa: PLC0415
        from ..models.std_node import StdNode  # noqa: PLC0415
        from ..models.sub_node import SubNode  # noqa: PLC0415
        from ..models.sum_node import SumNode  # noqa: PLC0415
        from ..models.swapaxes_node import SwapaxesNode  # noqa: PLC0415
        from ..models.swapdims_node import SwapdimsNode  # noqa: PLC0415
        from ..models.t_node import TNode  # noqa: PLC0415
        from ..models.tan_node import TanNode  # noqa: PLC0415
        from ..models.tanh_node import TanhNode  # noqa: PLC0415
        from ..models.tile_node import TileNode  # noqa: PLC0415
        from ..models.to_node import ToNode  # noqa: PLC0415
        from ..models.transpose_node import TransposeNode  # noqa: PLC0415
        from ..models.trunc_node import TruncNode  # noqa: PLC0415
        from ..models.unbind_node import UnbindNode  # noqa: PLC0415
        from ..models.unflatten_node import UnflattenNode  # noqa: PLC0415
        from ..models.unsqueeze_node import UnsqueezeNode  # noqa: PLC0415
        from ..models.var_node import VarNode  # noqa: PLC0415
        from ..models.view_as_node import ViewAsNode  # noqa: PLC0415
        from ..models.view_node import ViewNode  # noqa: PLC0415
        from ..models.where_node import WhereNode  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_nodes(
            data: object,
        ) -> (
            list[
                AbsNode
                | AcosNode
                | AddmmNode
                | AddNode
                | AllNode
                | AmaxNode
                | AminNode
                | AnyNode
                | ArgmaxNode
                | ArgminNode
                | AsinNode
                | AtanNode
                | BinaryCrossEntropyNode
                | BinaryCrossEntropyWithLogitsNode
                | BmmNode
                | BoolNode
                | BroadcastToNode
                | CatNode
                | CeilNode
                | ChunkNode
                | ClampMaxNode
                | ClampMinNode
                | ClampNode
                | ClipNode
                | CloneNode
                | ConcatenateNode
                | ConcatNode
                | ContiguousNode
                | CoshNode
                | CosNode
                | CrossEntropyNode
                | CumprodNode
                | CumsumNode
                | DivNode
                | DotNode
                | DoubleNode
                | EinsumNode
                | EluNode
                | EqNode
                | ErfNode
                | Exp2Node
                | ExpandAsNode
                | ExpandNode
                | Expm1Node
                | ExpNode
                | FlattenNode
                | FlipNode
                | FloatNode
                | FloorNode
                | FmodNode
                | FracNode
                | GatherNode
                | GeluNode
                | GeNode
                | GerNode
                | GtNode
                | HalfNode
                | HardtanhNode
                | IndexSelectNode
                | IntNode
                | L1LossNode
                | LeakyReluNode
                | LeNode
                | LinearNode
                | Log10Node
                | Log1PNode
                | Log2Node
                | LogicalAndNode
                | LogicalNotNode
                | LogicalOrNode
                | LogNode
                | LogsigmoidNode
                | LogSoftmaxNode
                | LogsumexpNode
                | LongNode
                | LtNode
                | MaskedFillNode
                | MaskedSelectNode
                | MatmulNode
                | MaximumNode
                | MaxNode
                | MeanNode
                | MinimumNode
                | MinNode
                | MmNode
                | MovedimNode
                | MseLossNode
                | MulNode
                | MvNode
                | NarrowNode
                | NegNode
                | NeNode
                | NllLossNode
                | NormNode
                | OuterNode
                | PermuteNode
                | PowNode
                | ProdNode
                | RavelNode
                | ReciprocalNode
                | Relu6Node
                | ReluNode
                | RemainderNode
                | RepeatNode
                | ReshapeAsNode
                | ReshapeNode
                | RollNode
                | RoundNode
                | RsqrtNode
                | SelectNode
                | SigmoidNode
                | SignNode
                | SiluNode
                | SinhNode
                | SinNode
                | SoftmaxNode
                | SoftplusNode
                | SplitNode
                | SqrtNode
                | SquareNode
                | SqueezeNode
                | StackNode
                | StdNode
                | SubNode
                | SumNode
                | SwapaxesNode
                | SwapdimsNode
                | TanhNode
                | TanNode
                | TileNode
                | TNode
                | ToNode
                | TransposeNode
                | TruncNode
                | UnbindNode
                | UnflattenNode
                | UnsqueezeNode
                | VarNode
                | ViewAsNode
                | ViewNode
                | WhereNode
            ]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                nodes_type_0 = []
                _nodes_type_0 = data
                for nodes_type_0_item_data in _nodes_type_0:

                    def _parse_nodes_type_0_item(
                        data: object,
                    ) -> (
                        AbsNode
                        | AcosNode
                        | AddmmNode
                        | AddNode
                        | AllNode
                        | AmaxNode
                        | AminNode
                        | AnyNode
                        | ArgmaxNode
                        | ArgminNode
                        | AsinNode
                        | AtanNode
                        | BinaryCrossEntropyNode
                        | BinaryCrossEntropyWithLogitsNode
                        | BmmNode
                        | BoolNode
                        | BroadcastToNode
                        | CatNode
                        | CeilNode
                        | ChunkNode
                        | ClampMaxNode
                        | ClampMinNode
                        | ClampNode
                        | ClipNode
                        | CloneNode
                        | ConcatenateNode
                        | ConcatNode
                        | ContiguousNode
                        | CoshNode
                        | CosNode
                        | CrossEntropyNode
                        | CumprodNode
                        | CumsumNode
                        | DivNode
                        | DotNode
                        | DoubleNode
                        | EinsumNode
                        | EluNode
                        | EqNode
                        | ErfNode
                        | Exp2Node
                        | ExpandAsNode
                        | ExpandNode
                        | Expm1Node
                        | ExpNode
                        | FlattenNode
                        | FlipNode
                        | FloatNode
                        | FloorNode
                        | FmodNode
                        | FracNode
                        | GatherNode
                        | GeluNode
                        | GeNode
                        | GerNode
                        | GtNode
                        | HalfNode
                        | HardtanhNode
                        | IndexSelectNode
                        | IntNode
                        | L1LossNode
                        | LeakyReluNode
                        | LeNode
                        | LinearNode
                        | Log10Node
                        | Log1PNode
                        | Log2Node
                        | LogicalAndNode
                        | LogicalNotNode
                        | LogicalOrNode
                        | LogNode
                        | LogsigmoidNode
                        | LogSoftmaxNode
                        | LogsumexpNode
                        | LongNode
                        | LtNode
                        | MaskedFillNode
                        | MaskedSelectNode
                        | MatmulNode
                        | MaximumNode
                        | MaxNode
                        | MeanNode
                        | MinimumNode
                        | MinNode
                        | MmNode
                        | MovedimNode
                        | MseLossNode
                        | MulNode
                        | MvNode
                        | NarrowNode
                        | NegNode
                        | NeNode
                        | NllLossNode
                        | NormNode
                        | OuterNode
                        | PermuteNode
                        | PowNode
                        | ProdNode
                        | RavelNode
                        | ReciprocalNode
                        | Relu6Node
                        | ReluNode
                        | RemainderNode
                        | RepeatNode
                        | ReshapeAsNode
                        | ReshapeNode
                        | RollNode
                        | RoundNode
                        | RsqrtNode
                        | SelectNode
                        | SigmoidNode
                        | SignNode
                        | SiluNode
                        | SinhNode
                        | SinNode
                        | SoftmaxNode
                        | SoftplusNode
                        | SplitNode
                        | SqrtNode
                        | SquareNode
                        | SqueezeNode
                        | StackNode
                        | StdNode
                        | SubNode
                        | SumNode
                        | SwapaxesNode
                        | SwapdimsNode
                        | TanhNode
                        | TanNode
                        | TileNode
                        | TNode
                        | ToNode
                        | TransposeNode
                        | TruncNode
                        | UnbindNode
                        | UnflattenNode
                        | UnsqueezeNode
                        | VarNode
                        | ViewAsNode
                        | ViewNode
                        | WhereNode
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_0 = AddNode.from_dict(data)

                            return nodes_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_1 = SubNode.from_dict(data)

                            return nodes_type_0_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_2 = MulNode.from_dict(data)

                            return nodes_type_0_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_3 = DivNode.from_dict(data)

                            return nodes_type_0_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_4 = ReciprocalNode.from_dict(data)

                            return nodes_type_0_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_5 = NegNode.from_dict(data)

                            return nodes_type_0_item_type_5
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_6 = PowNode.from_dict(data)

                            return nodes_type_0_item_type_6
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_7 = SquareNode.from_dict(data)

                            return nodes_type_0_item_type_7
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_8 = ExpNode.from_dict(data)

                            return nodes_type_0_item_type_8
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_9 = LogNode.from_dict(data)

                            return nodes_type_0_item_type_9
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_10 = WhereNode.from_dict(data)

                            return nodes_type_0_item_type_10
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_11 = EqNode.from_dict(data)

                            return nodes_type_0_item_type_11
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_12 = NeNode.from_dict(data)

                            return nodes_type_0_item_type_12
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_13 = LtNode.from_dict(data)

                            return nodes_type_0_item_type_13
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_14 = LeNode.from_dict(data)

                            return nodes_type_0_item_type_14
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_15 = GtNode.from_dict(data)

                            return nodes_type_0_item_type_15
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_16 = GeNode.from_dict(data)

                            return nodes_type_0_item_type_16
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_17 = LogicalAndNode.from_dict(data)

                            return nodes_type_0_item_type_17
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_18 = LogicalOrNode.from_dict(data)

                            return nodes_type_0_item_type_18
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_19 = LogicalNotNode.from_dict(data)

                            return nodes_type_0_item_type_19
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_20 = SinNode.from_dict(data)

                            return nodes_type_0_item_type_20
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_21 = CosNode.from_dict(data)

                            return nodes_type_0_item_type_21
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_22 = TanNode.from_dict(data)

                            return nodes_type_0_item_type_22
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_23 = AsinNode.from_dict(data)

                            return nodes_type_0_item_type_23
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_24 = AcosNode.from_dict(data)

                            return nodes_type_0_item_type_24
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_25 = AtanNode.from_dict(data)

                            return nodes_type_0_item_type_25
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_26 = SinhNode.from_dict(data)

                            return nodes_type_0_item_type_26
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_27 = CoshNode.from_dict(data)

                            return nodes_type_0_item_type_27
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_28 = TanhNode.from_dict(data)

                            return nodes_type_0_item_type_28
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_29 = Exp2Node.from_dict(data)

                            return nodes_type_0_item_type_29
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_30 = Expm1Node.from_dict(data)

                            return nodes_type_0_item_type_30
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_31 = Log2Node.from_dict(data)

                            return nodes_type_0_item_type_31
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_32 = Log10Node.from_dict(data)

                            return nodes_type_0_item_type_32
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_33 = Log1PNode.from_dict(data)

                            return nodes_type_0_item_type_33
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_34 = SqrtNode.from_dict(data)

                            return nodes_type_0_item_type_34
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_35 = RsqrtNode.from_dict(data)

                            return nodes_type_0_item_type_35
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_36 = SigmoidNode.from_dict(data)

                            return nodes_type_0_item_type_36
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_37 = ErfNode.from_dict(data)

                            return nodes_type_0_item_type_37
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_38 = AbsNode.from_dict(data)

                            return nodes_type_0_item_type_38
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_39 = SignNode.from_dict(data)

                            return nodes_type_0_item_type_39
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_40 = ReluNode.from_dict(data)

                            return nodes_type_0_item_type_40
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_41 = FloorNode.from_dict(data)

                            return nodes_type_0_item_type_41
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_42 = CeilNode.from_dict(data)

                            return nodes_type_0_item_type_42
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_43 = TruncNode.from_dict(data)

                            return nodes_type_0_item_type_43
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_44 = RoundNode.from_dict(data)

                            return nodes_type_0_item_type_44
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_45 = FracNode.from_dict(data)

                            return nodes_type_0_item_type_45
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_46 = MaximumNode.from_dict(data)

                            return nodes_type_0_item_type_46
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_47 = MinimumNode.from_dict(data)

                            return nodes_type_0_item_type_47
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_48 = ClampNode.from_dict(data)

                            return nodes_type_0_item_type_48
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_49 = ClipNode.from_dict(data)

                            return nodes_type_0_item_type_49
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_50 = ClampMinNode.from_dict(data)

                            return nodes_type_0_item_type_50
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_51 = ClampMaxNode.from_dict(data)

                            return nodes_type_0_item_type_51
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_52 = MaskedFillNode.from_dict(data)

                            return nodes_type_0_item_type_52
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_53 = RemainderNode.from_dict(data)

                            return nodes_type_0_item_type_53
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_54 = FmodNode.from_dict(data)

                            return nodes_type_0_item_type_54
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_55 = ViewNode.from_dict(data)

                            return nodes_type_0_item_type_55
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_56 = ReshapeNode.from_dict(data)

                            return nodes_type_0_item_type_56
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_57 = ViewAsNode.from_dict(data)

                            return nodes_type_0_item_type_57
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_58 = ReshapeAsNode.from_dict(data)

                            return nodes_type_0_item_type_58
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_59 = FlattenNode.from_dict(data)

                            return nodes_type_0_item_type_59
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_60 = RavelNode.from_dict(data)

                            return nodes_type_0_item_type_60
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_61 = UnflattenNode.from_dict(data)

                            return nodes_type_0_item_type_61
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_62 = CloneNode.from_dict(data)

                            return nodes_type_0_item_type_62
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_63 = ContiguousNode.from_dict(data)

                            return nodes_type_0_item_type_63
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_64 = TNode.from_dict(data)

                            return nodes_type_0_item_type_64
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_65 = TransposeNode.from_dict(data)

                            return nodes_type_0_item_type_65
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_66 = SwapaxesNode.from_dict(data)

                            return nodes_type_0_item_type_66
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_67 = SwapdimsNode.from_dict(data)

                            return nodes_type_0_item_type_67
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_68 = PermuteNode.from_dict(data)

                            return nodes_type_0_item_type_68
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_69 = MovedimNode.from_dict(data)

                            return nodes_type_0_item_type_69
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_70 = UnsqueezeNode.from_dict(data)

                            return nodes_type_0_item_type_70
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_71 = SqueezeNode.from_dict(data)

                            return nodes_type_0_item_type_71
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_72 = ExpandNode.from_dict(data)

                            return nodes_type_0_item_type_72
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_73 = ExpandAsNode.from_dict(data)

                            return nodes_type_0_item_type_73
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_74 = BroadcastToNode.from_dict(data)

                            return nodes_type_0_item_type_74
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_75 = SelectNode.from_dict(data)

                            return nodes_type_0_item_type_75
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_76 = NarrowNode.from_dict(data)

                            return nodes_type_0_item_type_76
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_77 = RepeatNode.from_dict(data)

                            return nodes_type_0_item_type_77
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_78 = TileNode.from_dict(data)

                            return nodes_type_0_item_type_78
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_79 = FlipNode.from_dict(data)

                            return nodes_type_0_item_type_79
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_80 = RollNode.from_dict(data)

                            return nodes_type_0_item_type_80
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_81 = CatNode.from_dict(data)

                            return nodes_type_0_item_type_81
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_82 = ConcatNode.from_dict(data)

                            return nodes_type_0_item_type_82
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_83 = ConcatenateNode.from_dict(data)

                            return nodes_type_0_item_type_83
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_84 = StackNode.from_dict(data)

                            return nodes_type_0_item_type_84
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_85 = SplitNode.from_dict(data)

                            return nodes_type_0_item_type_85
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_86 = ChunkNode.from_dict(data)

                            return nodes_type_0_item_type_86
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_87 = UnbindNode.from_dict(data)

                            return nodes_type_0_item_type_87
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_88 = ToNode.from_dict(data)

                            return nodes_type_0_item_type_88
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_89 = FloatNode.from_dict(data)

                            return nodes_type_0_item_type_89
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_90 = DoubleNode.from_dict(data)

                            return nodes_type_0_item_type_90
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_91 = HalfNode.from_dict(data)

                            return nodes_type_0_item_type_91
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_92 = LongNode.from_dict(data)

                            return nodes_type_0_item_type_92
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_93 = IntNode.from_dict(data)

                            return nodes_type_0_item_type_93
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_94 = BoolNode.from_dict(data)

                            return nodes_type_0_item_type_94
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_95 = GatherNode.from_dict(data)

                            return nodes_type_0_item_type_95
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_96 = IndexSelectNode.from_dict(data)

                            return nodes_type_0_item_type_96
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_97 = MaskedSelectNode.from_dict(data)

                            return nodes_type_0_item_type_97
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_98 = SumNode.from_dict(data)

                            return nodes_type_0_item_type_98
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_99 = MeanNode.from_dict(data)

                            return nodes_type_0_item_type_99
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_100 = ProdNode.from_dict(data)

                            return nodes_type_0_item_type_100
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_101 = CumsumNode.from_dict(data)

                            return nodes_type_0_item_type_101
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_102 = CumprodNode.from_dict(data)

                            return nodes_type_0_item_type_102
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_103 = VarNode.from_dict(data)

                            return nodes_type_0_item_type_103
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_104 = StdNode.from_dict(data)

                            return nodes_type_0_item_type_104
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_105 = NormNode.from_dict(data)

                            return nodes_type_0_item_type_105
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_106 = LogsumexpNode.from_dict(data)

                            return nodes_type_0_item_type_106
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_107 = MaxNode.from_dict(data)

                            return nodes_type_0_item_type_107
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_108 = MinNode.from_dict(data)

                            return nodes_type_0_item_type_108
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_109 = AmaxNode.from_dict(data)

                            return nodes_type_0_item_type_109
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_110 = AminNode.from_dict(data)

                            return nodes_type_0_item_type_110
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_111 = ArgmaxNode.from_dict(data)

                            return nodes_type_0_item_type_111
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_112 = ArgminNode.from_dict(data)

                            return nodes_type_0_item_type_112
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_113 = AllNode.from_dict(data)

                            return nodes_type_0_item_type_113
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_114 = AnyNode.from_dict(data)

                            return nodes_type_0_item_type_114
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_115 = MmNode.from_dict(data)

                            return nodes_type_0_item_type_115
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_116 = BmmNode.from_dict(data)

                            return nodes_type_0_item_type_116
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_117 = DotNode.from_dict(data)

                            return nodes_type_0_item_type_117
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_118 = MvNode.from_dict(data)

                            return nodes_type_0_item_type_118
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_119 = AddmmNode.from_dict(data)

                            return nodes_type_0_item_type_119
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_120 = MatmulNode.from_dict(data)

                            return nodes_type_0_item_type_120
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_121 = LinearNode.from_dict(data)

                            return nodes_type_0_item_type_121
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_122 = OuterNode.from_dict(data)

                            return nodes_type_0_item_type_122
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_123 = GerNode.from_dict(data)

                            return nodes_type_0_item_type_123
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_124 = EinsumNode.from_dict(data)

                            return nodes_type_0_item_type_124
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_125 = HardtanhNode.from_dict(data)

                            return nodes_type_0_item_type_125
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_126 = Relu6Node.from_dict(data)

                            return nodes_type_0_item_type_126
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_127 = LeakyReluNode.from_dict(data)

                            return nodes_type_0_item_type_127
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_128 = EluNode.from_dict(data)

                            return nodes_type_0_item_type_128
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_129 = GeluNode.from_dict(data)

                            return nodes_type_0_item_type_129
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_130 = SiluNode.from_dict(data)

                            return nodes_type_0_item_type_130
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_131 = SoftplusNode.from_dict(data)

                            return nodes_type_0_item_type_131
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_132 = LogsigmoidNode.from_dict(data)

                            return nodes_type_0_item_type_132
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_133 = SoftmaxNode.from_dict(data)

                            return nodes_type_0_item_type_133
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_134 = LogSoftmaxNode.from_dict(data)

                            return nodes_type_0_item_type_134
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_135 = MseLossNode.from_dict(data)

                            return nodes_type_0_item_type_135
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_136 = L1LossNode.from_dict(data)

                            return nodes_type_0_item_type_136
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_137 = NllLossNode.from_dict(data)

                            return nodes_type_0_item_type_137
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_138 = CrossEntropyNode.from_dict(data)

                            return nodes_type_0_item_type_138
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            nodes_type_0_item_type_139 = BinaryCrossEntropyNode.from_dict(data)

                            return nodes_type_0_item_type_139
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        nodes_type_0_item_type_140 = BinaryCrossEntropyWithLogitsNode.from_dict(data)

                        return nodes_type_0_item_type_140

                    nodes_type_0_item = _parse_nodes_type_0_item(nodes_type_0_item_data)

                    nodes_type_0.append(nodes_type_0_item)

                return nodes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    AbsNode
                    | AcosNode
                    | AddmmNode
                    | AddNode
                    | AllNode
                    | AmaxNode
                    | AminNode
                    | AnyNode
                    | ArgmaxNode
                    | ArgminNode
                    | AsinNode
                    | AtanNode
                    | BinaryCrossEntropyNode
                    | BinaryCrossEntropyWithLogitsNode
                    | BmmNode
                    | BoolNode
                    | BroadcastToNode
                    | CatNode
                    | CeilNode
                    | ChunkNode
                    | ClampMaxNode
                    | ClampMinNode
                    | ClampNode
                    | ClipNode
                    | CloneNode
                    | ConcatenateNode
                    | ConcatNode
                    | ContiguousNode
                    | CoshNode
                    | CosNode
                    | CrossEntropyNode
                    | CumprodNode
                    | CumsumNode
                    | DivNode
                    | DotNode
                    | DoubleNode
                    | EinsumNode
                    | EluNode
                    | EqNode
                    | ErfNode
                    | Exp2Node
                    | ExpandAsNode
                    | ExpandNode
                    | Expm1Node
                    | ExpNode
                    | FlattenNode
                    | FlipNode
                    | FloatNode
                    | FloorNode
                    | FmodNode
                    | FracNode
                    | GatherNode
                    | GeluNode
                    | GeNode
                    | GerNode
                    | GtNode
                    | HalfNode
                    | HardtanhNode
                    | IndexSelectNode
                    | IntNode
                    | L1LossNode
                    | LeakyReluNode
                    | LeNode
                    | LinearNode
                    | Log10Node
                    | Log1PNode
                    | Log2Node
                    | LogicalAndNode
                    | LogicalNotNode
                    | LogicalOrNode
                    | LogNode
                    | LogsigmoidNode
                    | LogSoftmaxNode
                    | LogsumexpNode
                    | LongNode
                    | LtNode
                    | MaskedFillNode
                    | MaskedSelectNode
                    | MatmulNode
                    | MaximumNode
                    | MaxNode
                    | MeanNode
                    | MinimumNode
                    | MinNode
                    | MmNode
                    | MovedimNode
                    | MseLossNode
                    | MulNode
                    | MvNode
                    | NarrowNode
                    | NegNode
                    | NeNode
                    | NllLossNode
                    | NormNode
                    | OuterNode
                    | PermuteNode
                    | PowNode
                    | ProdNode
                    | RavelNode
                    | ReciprocalNode
                    | Relu6Node
                    | ReluNode
                    | RemainderNode
                    | RepeatNode
                    | ReshapeAsNode
                    | ReshapeNode
                    | RollNode
                    | RoundNode
                    | RsqrtNode
                    | SelectNode
                    | SigmoidNode
                    | SignNode
                    | SiluNode
                    | SinhNode
                    | SinNode
                    | SoftmaxNode
                    | SoftplusNode
                    | SplitNode
                    | SqrtNode
                    | SquareNode
                    | SqueezeNode
                    | StackNode
                    | StdNode
                    | SubNode
                    | SumNode
                    | SwapaxesNode
                    | SwapdimsNode
                    | TanhNode
                    | TanNode
                    | TileNode
                    | TNode
                    | ToNode
                    | TransposeNode
                    | TruncNode
                    | UnbindNode
                    | UnflattenNode
                    | UnsqueezeNode
                    | VarNode
                    | ViewAsNode
                    | ViewNode
                    | WhereNode
                ]
                | None
                | Unset,
                data,
            )

        nodes = _parse_nodes(d.pop("nodes", UNSET))

        _tensors = d.pop("tensors", UNSET)
        tensors: EvaluateRequestTensors | Unset
        if isinstance(_tensors, Unset):
            tensors = UNSET
        else:
            tensors = EvaluateRequestTensors.from_dict(_tensors)

        def _parse_backward(data: object) -> EvaluateBackward | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                backward_type_0 = EvaluateBackward.from_dict(data)

                return backward_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EvaluateBackward | None | Unset, data)

        backward = _parse_backward(d.pop("backward", UNSET))

        _encoding = d.pop("encoding", UNSET)
        encoding: EvaluateRequestEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = check_evaluate_request_encoding(_encoding)

        evaluate_request = cls(
            source=source,
            nodes=nodes,
            tensors=tensors,
            backward=backward,
            encoding=encoding,
        )

        return evaluate_request
