"""``core.records.record`` behaves as ``dataclass(frozen=True)`` / ``dataclass`` for the classes it
declares (it only costs less to declare): the same instances, comparisons, hashes, reprs,
immutability, ``fields``/``replace``/``asdict``, pickling; what it does not support is refused."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, InitVar, dataclass, field

import pytest

from govreport_gui.core.records import record


def declare(decorator):
    class Point:
        """A point."""

        x: int
        label: str = "p"
        tags: dict = field(hash=False, default_factory=dict)
        note: tuple = field(default=(), compare=False)
        hidden: str = field(default="h", repr=False)
    Point.__qualname__ = "Point"
    return decorator(Point)


@record
class Picklable:
    a: int
    b: tuple = ()


FROZEN = [declare(record), declare(dataclass(frozen=True))]


def test_frozen_record_equals_what_dataclass_gives():
    ours, theirs = FROZEN
    for args, kwargs in [((1,), {}), ((2, "q"), {"tags": {"k": 1}, "note": (1,)}), ((), {"x": 3, "hidden": "z"})]:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a) == repr(b)
        assert hash(a) == hash(b)
        assert dataclasses.asdict(a) == dataclasses.asdict(b)
        assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert ours(1) == ours(1) and ours(1) != ours(2) and ours(1) != theirs(1)
    assert ours(1, note=(1,)) == ours(1, note=(2,))          # compare=False
    assert hash(ours(1, tags={"a": 1})) == hash(ours(1))    # hash=False
    assert ours(1).tags is not ours(1).tags                  # a fresh default each time
    assert ours(1).__eq__(object()) is NotImplemented


def test_frozen_record_refuses_changes_like_dataclass():
    point = FROZEN[0](1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'label'"):
        del point.label
    with pytest.raises(FrozenInstanceError):
        point.other = 1
    moved = dataclasses.replace(point, x=5)
    assert (moved.x, point.x) == (5, 1)


def test_arguments_are_checked_like_dataclass():
    for cls in FROZEN:
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(1, "a", {}, (), "h", "extra")
        with pytest.raises(TypeError):
            cls(1, nope=2)


def test_mutable_record_is_unhashable_and_compared_by_value():
    ours, theirs = declare(record(frozen=False)), declare(dataclass)
    a = ours(1)
    a.x = 7
    assert a == ours(7) and repr(a) == repr(theirs(7))
    assert ours.__hash__ is None and theirs.__hash__ is None
    with pytest.raises(TypeError):
        hash(a)


def test_pickles_and_copies():
    value = Picklable(1, (2, 3))
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value and copy.copy(value) == value


def test_methods_written_by_hand_are_kept():
    @record
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Named("a")) == "<a>" and Named("a") == Named("a")


def test_what_it_does_not_support_is_refused():
    class WithPostInit:
        a: int

        def __post_init__(self) -> None:
            pass

    class WithInitVar:
        a: InitVar[int]

    class NotInInit:
        a: int = field(default=0, init=False)

    class KeywordOnly:
        a: int = field(default=0, kw_only=True)

    for cls in (WithPostInit, WithInitVar, NotInInit, KeywordOnly):
        with pytest.raises(TypeError, match="@dataclass"):
            record(cls)


def test_init_is_compiled_when_first_used_and_is_then_dataclass_s():
    """A record's ``__init__`` is compiled on its first use (start-up: records without an instance
    before the first paint cost nothing), then sits in the class as a plain function taking the
    parameters ``dataclass``'s takes; a subclass's first instance compiles its base's."""
    import inspect
    from types import FunctionType

    from govreport_gui.core.records import InitOnFirstUse

    ours, theirs = declare(record), declare(dataclass(frozen=True))
    assert isinstance(vars(ours)["__init__"], InitOnFirstUse)
    parameters = inspect.signature(ours).parameters    # looking it up compiles it
    assert isinstance(vars(ours)["__init__"], FunctionType) and ours.__init__.__qualname__ == "Point.__init__"
    assert list(parameters) == list(inspect.signature(theirs).parameters) == ["x", "label", "tags", "note", "hidden"]
    assert parameters["label"].default == "p" and parameters["x"].default is inspect.Parameter.empty

    base = declare(record)

    class Sub(base):
        pass
    assert Sub(4).x == 4 and isinstance(vars(base)["__init__"], FunctionType) and "__init__" not in vars(Sub)
    assert base(4).x == 4 and Sub(5, "q").label == "q" and Sub(5) == Sub(5)


def test_records_of_one_shape_share_a_compilation_and_keep_their_own_names(monkeypatch):
    """Two records with as many fields, the factories in the same places, compile ``__init__`` once;
    each takes its own fields' names (keywords, messages) and its own defaults and factories."""
    import builtins
    import inspect

    from govreport_gui.core import records

    monkeypatch.setattr(records, "_SHAPES", {})   # (as if no record had been made yet)
    compiled = []
    real_exec = builtins.exec
    monkeypatch.setattr(builtins, "exec", lambda *a: compiled.append(a[0]) or real_exec(*a))

    @record
    class Cell:
        table: str
        row: str = "合计"
        notes: list = field(default_factory=list)

    @record
    class Other:
        kind: int
        size: int = 3
        seen: set = field(default_factory=set)

    @record(frozen=False)
    class Loose:
        kind: int
        size: int = 4
        seen: set = field(default_factory=set)

    cell, other = Cell("三", notes=["a"]), Other(size=5, kind=1)
    assert len(compiled) == 1   # the second of the frozen shape: its names changed, not compiled
    assert (cell.table, cell.row, cell.notes) == ("三", "合计", ["a"]) and Cell("四").notes == []
    assert Cell("四").notes is not Cell("四").notes   # a fresh list from the factory each time
    assert (other.kind, other.size, other.seen) == (1, 5, set()) and Other(2).size == 3
    assert list(inspect.signature(Other).parameters) == ["kind", "size", "seen"]
    with pytest.raises(TypeError, match="'kind'"):
        Other()
    with pytest.raises(TypeError, match="'row'"):
        Other(1, row="x")
    with pytest.raises(FrozenInstanceError):
        other.size = 1
    loose = Loose(1)
    loose.size = 9
    assert len(compiled) == 2 and (loose.kind, loose.size, loose.seen) == (1, 9, set())   # a mutable record: its own shape
