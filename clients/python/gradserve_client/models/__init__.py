"""Contains all the data models used in inputs/outputs"""

from .abs_node import AbsNode
from .acos_node import AcosNode
from .add_node import AddNode
from .addmm_node import AddmmNode
from .all_node import AllNode
from .amax_node import AmaxNode
from .amin_node import AminNode
from .any_node import AnyNode
from .argmax_node import ArgmaxNode
from .argmin_node import ArgminNode
from .asin_node import AsinNode
from .atan_node import AtanNode
from .backward_request import BackwardRequest
from .backward_request_encoding import BackwardRequestEncoding
from .binary_cross_entropy_node import BinaryCrossEntropyNode
from .binary_cross_entropy_with_logits_node import BinaryCrossEntropyWithLogitsNode
from .bmm_node import BmmNode
from .bool_node import BoolNode
from .broadcast_to_node import BroadcastToNode
from .cat_node import CatNode
from .ceil_node import CeilNode
from .chunk_node import ChunkNode
from .clamp_max_node import ClampMaxNode
from .clamp_min_node import ClampMinNode
from .clamp_node import ClampNode
from .clip_node import ClipNode
from .clone_node import CloneNode
from .concat_node import ConcatNode
from .concatenate_node import ConcatenateNode
from .contiguous_node import ContiguousNode
from .cos_node import CosNode
from .cosh_node import CoshNode
from .create_session_request import CreateSessionRequest
from .cross_entropy_node import CrossEntropyNode
from .cumprod_node import CumprodNode
from .cumsum_node import CumsumNode
from .div_node import DivNode
from .dot_node import DotNode
from .double_node import DoubleNode
from .einsum_node import EinsumNode
from .elu_node import EluNode
from .eq_node import EqNode
from .erf_node import ErfNode
from .error_item import ErrorItem
from .evaluate_backward import EvaluateBackward
from .evaluate_request import EvaluateRequest
from .evaluate_request_encoding import EvaluateRequestEncoding
from .evaluate_request_tensors import EvaluateRequestTensors
from .evaluate_response import EvaluateResponse
from .evaluate_response_tensors import EvaluateResponseTensors
from .exp_2_node import Exp2Node
from .exp_node import ExpNode
from .expand_as_node import ExpandAsNode
from .expand_node import ExpandNode
from .expm_1_node import Expm1Node
from .flatten_node import FlattenNode
from .flip_node import FlipNode
from .float_node import FloatNode
from .floor_node import FloorNode
from .fmod_node import FmodNode
from .frac_node import FracNode
from .gather_node import GatherNode
from .ge_node import GeNode
from .gelu_node import GeluNode
from .ger_node import GerNode
from .get_session_encoding import GetSessionEncoding
from .get_tensor_encoding import GetTensorEncoding
from .grad_list import GradList
from .grad_request import GradRequest
from .grad_request_encoding import GradRequestEncoding
from .grads_by_name import GradsByName
from .grads_by_name_grads import GradsByNameGrads
from .gt_node import GtNode
from .half_node import HalfNode
from .hardtanh_node import HardtanhNode
from .health import Health
from .index_select_node import IndexSelectNode
from .int_node import IntNode
from .l1_loss_node import L1LossNode
from .le_node import LeNode
from .leaky_relu_node import LeakyReluNode
from .linear_node import LinearNode
from .log_1p_node import Log1PNode
from .log_2_node import Log2Node
from .log_10_node import Log10Node
from .log_node import LogNode
from .log_softmax_node import LogSoftmaxNode
from .logical_and_node import LogicalAndNode
from .logical_not_node import LogicalNotNode
from .logical_or_node import LogicalOrNode
from .logsigmoid_node import LogsigmoidNode
from .logsumexp_node import LogsumexpNode
from .long_node import LongNode
from .lt_node import LtNode
from .masked_fill_node import MaskedFillNode
from .masked_select_node import MaskedSelectNode
from .matmul_node import MatmulNode
from .max_node import MaxNode
from .maximum_node import MaximumNode
from .mean_node import MeanNode
from .min_node import MinNode
from .minimum_node import MinimumNode
from .mm_node import MmNode
from .movedim_node import MovedimNode
from .mse_loss_node import MseLossNode
from .mul_node import MulNode
from .mv_node import MvNode
from .narrow_node import NarrowNode
from .ne_node import NeNode
from .neg_node import NegNode
from .nll_loss_node import NllLossNode
from .norm_node import NormNode
from .op_catalogue import OpCatalogue
from .op_info import OpInfo
from .outer_node import OuterNode
from .permute_node import PermuteNode
from .pow_node import PowNode
from .problem import Problem
from .prod_node import ProdNode
from .program_warning import ProgramWarning
from .put_tensor_encoding import PutTensorEncoding
from .ravel_node import RavelNode
from .readiness import Readiness
from .reciprocal_node import ReciprocalNode
from .relu_6_node import Relu6Node
from .relu_node import ReluNode
from .remainder_node import RemainderNode
from .repeat_node import RepeatNode
from .reshape_as_node import ReshapeAsNode
from .reshape_node import ReshapeNode
from .roll_node import RollNode
from .round_node import RoundNode
from .rsqrt_node import RsqrtNode
from .run_request import RunRequest
from .run_request_encoding import RunRequestEncoding
from .run_response import RunResponse
from .run_response_tensors import RunResponseTensors
from .select_node import SelectNode
from .session_detail import SessionDetail
from .session_detail_tensors import SessionDetailTensors
from .session_info import SessionInfo
from .sigmoid_node import SigmoidNode
from .sign_node import SignNode
from .silu_node import SiluNode
from .sin_node import SinNode
from .sinh_node import SinhNode
from .softmax_node import SoftmaxNode
from .softplus_node import SoftplusNode
from .split_node import SplitNode
from .sqrt_node import SqrtNode
from .square_node import SquareNode
from .squeeze_node import SqueezeNode
from .stack_node import StackNode
from .std_node import StdNode
from .sub_node import SubNode
from .sum_node import SumNode
from .swapaxes_node import SwapaxesNode
from .swapdims_node import SwapdimsNode
from .t_node import TNode
from .tan_node import TanNode
from .tanh_node import TanhNode
from .tensor_in import TensorIn
from .tensor_in_data_type_3 import TensorInDataType3
from .tensor_in_dtype_type_0 import TensorInDtypeType0
from .tensor_out import TensorOut
from .tensor_out_data_type_0_item_type_3 import TensorOutDataType0ItemType3
from .tile_node import TileNode
from .to_node import ToNode
from .transpose_node import TransposeNode
from .trunc_node import TruncNode
from .unbind_node import UnbindNode
from .unflatten_node import UnflattenNode
from .unsqueeze_node import UnsqueezeNode
from .var_node import VarNode
from .view_as_node import ViewAsNode
from .view_node import ViewNode
from .where_node import WhereNode
from .zero_grad_request import ZeroGradRequest
from .zero_grad_response import ZeroGradResponse

__all__ = (
    "AbsNode",
    "AcosNode",
    "AddmmNode",
    "AddNode",
    "AllNode",
    "AmaxNode",
    "AminNode",
    "AnyNode",
    "ArgmaxNode",
    "ArgminNode",
    "AsinNode",
    "AtanNode",
    "BackwardRequest",
    "BackwardRequestEncoding",
    "BinaryCrossEntropyNode",
    "BinaryCrossEntropyWithLogitsNode",
    "BmmNode",
    "BoolNode",
    "BroadcastToNode",
    "CatNode",
    "CeilNode",
    "ChunkNode",
    "ClampMaxNode",
    "ClampMinNode",
    "ClampNode",
    "ClipNode",
    "CloneNode",
    "ConcatenateNode",
    "ConcatNode",
    "ContiguousNode",
    "CoshNode",
    "CosNode",
    "CreateSessionRequest",
    "CrossEntropyNode",
    "CumprodNode",
    "CumsumNode",
    "DivNode",
    "DotNode",
    "DoubleNode",
    "EinsumNode",
    "EluNode",
    "EqNode",
    "ErfNode",
    "ErrorItem",
    "EvaluateBackward",
    "EvaluateRequest",
    "EvaluateRequestEncoding",
    "EvaluateRequestTensors",
    "EvaluateResponse",
    "EvaluateResponseTensors",
    "Exp2Node",
    "ExpandAsNode",
    "ExpandNode",
    "Expm1Node",
    "ExpNode",
    "FlattenNode",
    "FlipNode",
    "FloatNode",
    "FloorNode",
    "FmodNode",
    "FracNode",
    "GatherNode",
    "GeluNode",
    "GeNode",
    "GerNode",
    "GetSessionEncoding",
    "GetTensorEncoding",
    "GradList",
    "GradRequest",
    "GradRequestEncoding",
    "GradsByName",
    "GradsByNameGrads",
    "GtNode",
    "HalfNode",
    "HardtanhNode",
    "Health",
    "IndexSelectNode",
    "IntNode",
    "L1LossNode",
    "LeakyReluNode",
    "LeNode",
    "LinearNode",
    "Log10Node",
    "Log1PNode",
    "Log2Node",
    "LogicalAndNode",
    "LogicalNotNode",
    "LogicalOrNode",
    "LogNode",
    "LogsigmoidNode",
    "LogSoftmaxNode",
    "LogsumexpNode",
    "LongNode",
    "LtNode",
    "MaskedFillNode",
    "MaskedSelectNode",
    "MatmulNode",
    "MaximumNode",
    "MaxNode",
    "MeanNode",
    "MinimumNode",
    "MinNode",
    "MmNode",
    "MovedimNode",
    "MseLossNode",
    "MulNode",
    "MvNode",
    "NarrowNode",
    "NegNode",
    "NeNode",
    "NllLossNode",
    "NormNode",
    "OpCatalogue",
    "OpInfo",
    "OuterNode",
    "PermuteNode",
    "PowNode",
    "Problem",
    "ProdNode",
    "ProgramWarning",
    "PutTensorEncoding",
    "RavelNode",
    "Readiness",
    "ReciprocalNode",
    "Relu6Node",
    "ReluNode",
    "RemainderNode",
    "RepeatNode",
    "ReshapeAsNode",
    "ReshapeNode",
    "RollNode",
    "RoundNode",
    "RsqrtNode",
    "RunRequest",
    "RunRequestEncoding",
    "RunResponse",
    "RunResponseTensors",
    "SelectNode",
    "SessionDetail",
    "SessionDetailTensors",
    "SessionInfo",
    "SigmoidNode",
    "SignNode",
    "SiluNode",
    "SinhNode",
    "SinNode",
    "SoftmaxNode",
    "SoftplusNode",
    "SplitNode",
    "SqrtNode",
    "SquareNode",
    "SqueezeNode",
    "StackNode",
    "StdNode",
    "SubNode",
    "SumNode",
    "SwapaxesNode",
    "SwapdimsNode",
    "TanhNode",
    "TanNode",
    "TensorIn",
    "TensorInDataType3",
    "TensorInDtypeType0",
    "TensorOut",
    "TensorOutDataType0ItemType3",
    "TileNode",
    "TNode",
    "ToNode",
    "TransposeNode",
    "TruncNode",
    "UnbindNode",
    "UnflattenNode",
    "UnsqueezeNode",
    "VarNode",
    "ViewAsNode",
    "ViewNode",
    "WhereNode",
    "ZeroGradRequest",
    "ZeroGradResponse",
)
