"""Make the exported LAC network honour its ``length`` input, by editing its ONNX graph.

The export left the GRU layers' ``sequence_lens`` input empty and the graph's ``length`` input
unused, so in a batch padded to its longest sentence each backward GRU read the padding before a
shorter sentence and changed its tags. ONNX's GRU stops each sentence at its length when given
``sequence_lens`` (int32), so the graph is edited once at load: ``length`` is declared int32 and
fed to both GRU layers. Then any sentences batch together and tag exactly as each one alone.

The edit is made on the protobuf wire format directly (a ModelProto is a list of numbered
fields), because the ``onnx`` package would be a 17 MB dependency for these few bytes; the
weights are copied through untouched.
"""

from __future__ import annotations

from collections.abc import Callable

VARINT, FIXED64, LENGTH_DELIMITED, FIXED32 = 0, 1, 2, 5
# Field numbers from onnx.proto.
MODEL_GRAPH = 7
GRAPH_NODE, GRAPH_INPUT = 1, 11
NODE_INPUT, NODE_OP_TYPE = 1, 4
VALUE_NAME, VALUE_TYPE = 1, 2
TYPE_TENSOR, TENSOR_ELEM_TYPE = 1, 1
INT32 = 6
GRU_SEQUENCE_LENS = 4  # position among the GRU's inputs
LENGTH = b"length"

Field = tuple[int, int, "int | bytes | memoryview"]


def with_sequence_lengths(model: bytes) -> bytes:
    """The model with ``length`` declared int32 and wired to every GRU's sequence_lens."""
    edited = {"gru": 0, "input": 0}
    result = _edit(memoryview(model), {MODEL_GRAPH: lambda graph: _graph(graph, edited)})
    if edited["gru"] == 0 or edited["input"] != 1:
        raise ValueError(f"the network is not the one expected ({edited})")
    return result


def _graph(graph: memoryview, edited: dict[str, int]) -> bytes:
    def node(payload: memoryview) -> bytes:
        fields = _fields(payload)
        if _first(fields, NODE_OP_TYPE) != b"GRU":
            return bytes(payload)
        inputs = [n for n, (number, _, _) in enumerate(fields) if number == NODE_INPUT]
        slot = inputs[GRU_SEQUENCE_LENS]
        if bytes(fields[slot][2]) != b"":
            raise ValueError("a GRU already has its sequence lengths")
        fields[slot] = (NODE_INPUT, LENGTH_DELIMITED, LENGTH)
        edited["gru"] += 1
        return _encode(fields)

    def graph_input(payload: memoryview) -> bytes:
        if _first(_fields(payload), VALUE_NAME) != LENGTH:
            return bytes(payload)
        edited["input"] += 1
        return _edit(payload, {VALUE_TYPE: value_type})

    def value_type(payload: memoryview) -> bytes:
        return _edit(payload, {TYPE_TENSOR: tensor_type})

    def tensor_type(payload: memoryview) -> bytes:
        return _edit(payload, {TENSOR_ELEM_TYPE: INT32})

    return _edit(graph, {GRAPH_NODE: node, GRAPH_INPUT: graph_input})


def _edit(message: memoryview, changes: dict[int, Callable | int]) -> bytes:
    """The message with each field named in ``changes`` replaced: a length-delimited field by
    its function of the payload, a varint by the number given."""
    fields = []
    for number, wire, value in _fields(message):
        change = changes.get(number)
        if change is not None:
            value = change if wire == VARINT else change(value)
        fields.append((number, wire, value))
    return _encode(fields)


def _first(fields: list[Field], number: int) -> bytes | None:
    return next((bytes(value) for n, _, value in fields if n == number), None)


def _fields(message: memoryview) -> list[Field]:
    fields, position = [], 0
    while position < len(message):
        key, position = _varint(message, position)
        number, wire = key >> 3, key & 7
        if wire == VARINT:
            value, position = _varint(message, position)
        elif wire == LENGTH_DELIMITED:
            size, position = _varint(message, position)
            value, position = message[position : position + size], position + size
        elif wire in (FIXED64, FIXED32):
            size = 8 if wire == FIXED64 else 4
            value, position = message[position : position + size], position + size
        else:
            raise ValueError(f"unexpected wire type {wire}")
        fields.append((number, wire, value))
    return fields


def _encode(fields: list[Field]) -> bytes:
    parts = []
    for number, wire, value in fields:
        parts.append(_to_varint(number << 3 | wire))
        if wire == VARINT:
            parts.append(_to_varint(value))
        elif wire == LENGTH_DELIMITED:
            parts += [_to_varint(len(value)), value]
        else:
            parts.append(value)
    return b"".join(parts)


def _varint(data: memoryview, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def _to_varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)
