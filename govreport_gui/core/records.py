"""``@record``: a dataclass that is cheap to declare (start-up time).

``@record`` is ``@dataclass(frozen=True)`` and ``@record(frozen=False)`` is ``@dataclass``, with the
same fields, defaults, ``default_factory``, ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
(frozen: of the fields that take part in it; mutable: unhashable), immutability
(``FrozenInstanceError``), and ``dataclasses.fields``/``replace``/``asdict`` working as before.

Why: Python 3.11's ``dataclass`` compiles every generated method separately — six small
compilations for a frozen class, about 4 M instructions (0.4–0.8 ms) each class.  The editor
creates some forty record classes before its first paint (the format declarations, the report,
the edits), which came to a tenth of its start-up.  Here ``dataclasses`` does the bookkeeping
without compiling anything, ``__init__`` alone is compiled (instances are made often and must be
made fast), and comparing, hashing and refusing changes are functions shared by every record,
reading the fields with ``operator.attrgetter`` — about a quarter of the cost.  ``__init__`` is
compiled when it is first used (``InitOnFirstUse``): a record without an instance before the first
paint costs no compilation before it; and records of one shape (as many fields, factories in the
same places) share one compilation, each with its own names (``_init``).
``tests/core/test_records.py`` holds it to ``dataclass``'s behaviour.

A record's docstring matters too: ``dataclass`` writes one from ``inspect.signature`` for a class
without, which for these classes parses ``object.__init__``'s text signature (``ast``, tokenize).

Not supported (refused when the class is declared, use ``dataclass`` for these): ``__post_init__``,
``InitVar``, keyword-only or ``init=False`` fields, inheritance from another dataclass.
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from types import CodeType, FunctionType
from typing import dataclass_transform


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls=None, /, *, frozen: bool = True):
    """``@record`` / ``@record(frozen=False)``: see the module's docstring."""
    def wrap(cls):
        _refuse_unsupported(cls)
        cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)  # bookkeeping only
        _add_methods(cls, dataclasses.fields(cls), frozen)
        return cls
    return wrap if cls is None else wrap(cls)


def _refuse_unsupported(cls) -> None:
    if "__post_init__" in cls.__dict__ or any(dataclasses.is_dataclass(b) for b in cls.__mro__[1:]):
        raise TypeError(f"@record does not support __post_init__ or inheritance ({cls.__qualname__}): use @dataclass")


def _add_methods(cls, fields, frozen: bool) -> None:
    if len(fields) != len(cls.__dataclass_fields__):  # an InitVar or ClassVar pseudo-field
        raise TypeError(f"@record does not support InitVar or ClassVar ({cls.__qualname__}): use @dataclass")
    for f in fields:
        if not f.init or f.kw_only:
            raise TypeError(f"@record does not support the field {cls.__qualname__}.{f.name}: use @dataclass")
    methods = {"__init__": InitOnFirstUse(cls, fields, frozen), "__repr__": _repr(fields), "__eq__": _eq(fields)}
    if frozen:
        methods.update(_frozen(cls, fields))
    else:  # mutable and compared by value: unhashable, as dataclass makes it
        methods["__hash__"] = None
    for name, method in methods.items():
        if name in cls.__dict__:  # written by hand in the class: kept, as dataclass does
            if name in ("__setattr__", "__delattr__"):
                raise TypeError(f"a frozen @record cannot define {name} ({cls.__qualname__})")
            continue
        if method is not None:
            method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


class InitOnFirstUse:
    """A record's ``__init__`` until it is first looked up (the class's first instance, or
    ``inspect.signature``): then it is compiled, put in the class in its place, and used.  Of the
    forty-odd records declared before the editor's first paint, half have no instance by then (the
    edits, the findings, the correspondence of the versions): they cost no compilation."""

    def __init__(self, cls, fields, frozen: bool) -> None:
        self.cls, self.fields, self.frozen = cls, fields, frozen

    def __get__(self, obj, owner=None):
        init = _init(self.fields, self.frozen)
        init.__name__, init.__qualname__ = "__init__", f"{self.cls.__qualname__}.__init__"
        type.__setattr__(self.cls, "__init__", init)
        return init if obj is None else init.__get__(obj, owner)


def _init(fields, frozen: bool):
    """The one compiled method: ``__init__`` with the fields as parameters (instances are made often).
    Records of the same shape (frozen or not, the number of fields, which ones have a factory) share
    one compilation, its names changed to the fields' (``_shaped_init``): a compilation costs half a
    million instructions, a change of names a twentieth of that."""
    shape = (frozen, tuple(f.default_factory is not MISSING for f in fields))
    code = _SHAPES.get(shape)
    if code is None:
        code = _SHAPES[shape] = _shaped_init(*shape)
    names = dict(zip(_generic_names(len(fields)), (f.name for f in fields)))
    code = code.replace(co_varnames=tuple(names.get(n, n) for n in code.co_varnames),
                        co_names=tuple(names.get(n, n) for n in code.co_names),
                        co_consts=tuple(names.get(c, c) if isinstance(c, str) else c for c in code.co_consts))
    scope = {"MISSING": MISSING, "object_setattr": object.__setattr__}
    scope.update((f"factory_{i}", f.default_factory) for i, f in enumerate(fields) if f.default_factory is not MISSING)
    defaults = tuple(f.default if f.default_factory is MISSING else MISSING for f in fields
                     if f.default is not MISSING or f.default_factory is not MISSING)
    return FunctionType(code, scope, "__init__", defaults or None)


_SHAPES: dict[tuple[bool, tuple[bool, ...]], CodeType] = {}


def _generic_names(count: int) -> list[str]:
    return [f"_field_{i}_" for i in range(count)]


def _shaped_init(frozen: bool, factories: tuple[bool, ...]) -> CodeType:
    """``__init__``'s code for records of this shape, the fields named ``_field_0_`` …; the defaults
    are the function's (``_init``): a field with a factory has ``MISSING``, and the factory is called."""
    params, body = ["self"], []
    for i, (name, factory) in enumerate(zip(_generic_names(len(factories)), factories)):
        params.append(name)
        value = f"factory_{i}() if {name} is MISSING else {name}" if factory else name
        body.append(f"    object_setattr(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    scope: dict = {"MISSING": MISSING}
    exec(f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass"), scope)  # noqa: S102
    return scope["__init__"].__code__


def _repr(fields):
    shown = tuple(f.name for f in fields if f.repr)

    def show(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"
    return show


def _eq(fields):
    values = attrgetter_tuple(tuple(f.name for f in fields if f.compare))

    def equal(self, other):
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented
    return equal


def _frozen(cls, fields) -> dict:
    hashed = attrgetter_tuple(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
    names = frozenset(f.name for f in fields)

    def hashed_value(self) -> int:
        return hash(hashed(self))

    def refuse_set(self, name, value) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def refuse_delete(self, name) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return {"__hash__": hashed_value, "__setattr__": refuse_set, "__delattr__": refuse_delete}


def attrgetter_tuple(names: tuple[str, ...]):
    """``obj`` → the tuple of its attributes ``names`` (``operator.attrgetter`` returns a bare value
    for one name)."""
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names) if names else (lambda obj: ())
