"""How the figures of the 2019 and the 2021 version correspond (国办公开办函〔2019〕60号 and 〔2021〕30号) — declared once,
used by every conversion: ``Report.convert`` (changing a report's version), carry-over from a
report in the other version, and consolidation of units in the other version.

Cells with the same key in both versions are the same figure and are not listed: all of 四, and all
of 三 except （六）其他处理.  Everything else is a ``Move`` (tests/core/test_correspondence.py
checks that every input cell of either version is covered exactly once):

* 三 （六）其他处理 — one data row in 2019, a group of three rows in 2021 (1. 逾期不补正, 2. 逾期未缴费,
  3.其他).  2021 → 2019: the three rows are added into the one row (``SUMMED``): every total and
  every balance stays exact, only the split is lost.  2019 → 2021: the row goes into `3.其他`
  (``JUDGED``).  The 2019 row is the residual category of its version (whatever is not （一）–（五）);
  `3.其他` is the residual category of the 2021 group, while 1. and 2. name specific grounds that a
  2019 figure cannot be shown to belong to.  Putting the whole figure there moves every application
  into exactly one leaf, so （七）总计 and 一+二=（七）+四 hold unchanged; splitting it by any ratio would
  invent figures.  The clerk is told, and moves what belongs to 1. or 2. if the unit knows it.
* 二 — the 2021 version rebuilt the table; only two kinds of figure survive:
  `处理决定数量` (2019; "the number of decisions made this year") and `本年处理决定数量`
  (2021) are the same figure under another label (``SAME``), for 行政许可, 行政处罚, 行政强制;
  `本年新制作数量` (2019) and `本年制发件数` (2021) both count the documents newly made this year —
  close, not identical (2019 also counts 本年新公开数量 apart), so ``JUDGED`` both ways; 2019
  `规范性文件` is 2021 `行政规范性文件`.  Nothing else has a counterpart (``NONE``): 项目数量 and
  本年增/减 (2021 counts no items), 本年新公开数量, 对外公开总数量 (all documents made public, not
  现行有效件数, the documents in force — across the two versions only the 三
  carry-over survives), 其他对外管理服务事项, 政府集中采购 (gone in 2021), and in the other direction
  本年废止件数, 现行有效件数 and 本年收费金额 (2019 counts no fees in money).

Labels are those of the version modules; ``_check`` refuses at import a move whose cells are not
input cells of the same kind in their version, so a relabelled declaration cannot silently break
the correspondence.
"""

from __future__ import annotations

from . import common, get_form
from .spec import CellKey, Fidelity, FormSpec, Move, VersionMap

# The input columns of 三 (its 总计 column is recomputed, never moved).
_T3_COLS = (common.APPLICANT_HEADER.natural, *common.APPLICANT_HEADER.legal_kinds)

# 二: label pairs (2019 row, 2021 row) and the columns that correspond.
_DECISION_ROWS = (("行政许可", "行政许可"), ("行政处罚", "行政处罚"), ("行政强制", "行政强制"))
_DOCUMENT_ROWS = (("规章", "规章"), ("规范性文件", "行政规范性文件"))
_DECISIONS_2019, _DECISIONS_2021 = "处理决定数量", "本年处理决定数量"
_MADE_2019, _MADE_2021 = "本年新制作数量", "本年制发件数"

_SAME_DECISIONS = "2019版“处理决定数量”即本年作出的处理决定数，与2021版“本年处理决定数量”是同一数字"
_MADE_WHY = {
    "2021": ("2019版“本年新制作数量”与2021版“本年制发件数”含义相近（本年新制定的文件），已按此计入，"
             "请核实是否应为本年制发的件数"),
    "2019": ("2021版“本年制发件数”与2019版“本年新制作数量”含义相近（本年新制定的文件），已按此计入，"
             "请核实是否应为本年新制作的件数"),
}

_OTHER_TO_2021 = ("2019版“（六）其他处理”是一行，2021版分为1.（逾期不补正）、2.（逾期未缴费）、3.其他三行；"
                  "原数字无法区分，已全部计入“3.其他”（合计与勾稽关系不变），如其中有申请人逾期不补正或逾期未按"
                  "收费通知缴费而不再处理的申请，请移到第1、2行")
_OTHER_TO_2019 = ("2021版“（六）其他处理”的1.、2.、3.三行在2019版合为“（六）其他处理”一行，已相加计入"
                  "（合计与勾稽关系不变，三行的细分不再保留）")

# (rows, columns, why) of the 2019 cells of 二 without a counterpart in 2021.
_NONE_FROM_2019 = (
    (("规章", "规范性文件"), ("本年新公开数量",), "2021版不再统计“本年新公开数量”"),
    (("规章", "规范性文件"), ("对外公开总数量",),
     "2021版没有“对外公开总数量”（“现行有效件数”只计现行有效的文件，含义不同，不能代替）"),
    (("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费"), ("上一年项目数量", "本年增/减"),
     "2021版不再统计事项的项目数量"),
    (("其他对外管理服务事项",), (_DECISIONS_2019,), "2021版没有“其他对外管理服务事项”一行"),
    (("政府集中采购",), ("采购项目数量", "采购总金额"), "2021版没有第二十条第（九）项（政府集中采购）"),
)
_NONE_FROM_2021 = (
    (("规章", "行政规范性文件"), ("本年废止件数",), "2019版没有“本年废止件数”"),
    (("规章", "行政规范性文件"), ("现行有效件数",),
     "2019版没有“现行有效件数”（“对外公开总数量”含义不同，不能代替）"),
    (("行政事业性收费",), ("本年收费金额（单位：万元）",), "2019版“行政事业性收费”只统计项目数量，没有收费金额"),
)


def _none(table: str, groups) -> list[Move]:
    return [Move((CellKey(table, row, col),), None, Fidelity.NONE, why)
            for rows, cols, why in groups for row in rows for col in cols]


def _2019_to_2021() -> VersionMap:
    moves = [Move((CellKey("三", common.OTHER_HANDLING, col),), CellKey("三", common.OTHER_HANDLING_LEAVES[-1], col),
                  Fidelity.JUDGED, _OTHER_TO_2021) for col in _T3_COLS]
    moves += [Move((CellKey("二", old, _DECISIONS_2019),), CellKey("二", new, _DECISIONS_2021), Fidelity.SAME,
                   _SAME_DECISIONS) for old, new in _DECISION_ROWS]
    moves += [Move((CellKey("二", old, _MADE_2019),), CellKey("二", new, _MADE_2021), Fidelity.JUDGED,
                   _MADE_WHY["2021"]) for old, new in _DOCUMENT_ROWS]
    moves += _none("二", _NONE_FROM_2019)
    return VersionMap("2019", "2021", tuple(moves))


def _2021_to_2019() -> VersionMap:
    moves = [Move(tuple(CellKey("三", leaf, col) for leaf in common.OTHER_HANDLING_LEAVES),
                  CellKey("三", common.OTHER_HANDLING, col), Fidelity.SUMMED, _OTHER_TO_2019) for col in _T3_COLS]
    moves += [Move((CellKey("二", new, _DECISIONS_2021),), CellKey("二", old, _DECISIONS_2019), Fidelity.SAME,
                   _SAME_DECISIONS) for old, new in _DECISION_ROWS]
    moves += [Move((CellKey("二", new, _MADE_2021),), CellKey("二", old, _MADE_2019), Fidelity.JUDGED,
                   _MADE_WHY["2019"]) for old, new in _DOCUMENT_ROWS]
    moves += _none("二", _NONE_FROM_2021)
    return VersionMap("2021", "2019", tuple(moves))


def _check(vmap: VersionMap, source: FormSpec, target: FormSpec) -> VersionMap:
    """Every cell named must be an input of its version, a move must keep the kind of figure, no
    source cell may be moved twice and no target cell filled twice (nor one the source already
    has under the same key); every input the target does not have must be named."""
    seen: set[CellKey] = set()
    filled: set[CellKey] = set()
    for move in vmap.moves:
        if (move.target is None) != (move.fidelity is Fidelity.NONE) or not move.sources:
            raise ValueError(f"{vmap.source}→{vmap.target}: inconsistent move {move}")
        kinds = set()
        for key in move.sources:
            if not source.has(key) or source.cell(key).computed or key in seen:
                raise ValueError(f"{vmap.source}→{vmap.target}: {key} is not a free input of {source.version}")
            seen.add(key)
            kinds.add(source.cell(key).kind)
        if move.target is not None:
            spec = target.cell(move.target) if target.has(move.target) else None
            if spec is None or spec.computed or kinds != {spec.kind}:
                raise ValueError(f"{vmap.source}→{vmap.target}: {move.target} is not an input of {target.version}"
                                 " of the same kind")
            if move.target in filled or source.has(move.target):
                raise ValueError(f"{vmap.source}→{vmap.target}: {move.target} would be filled twice")
            filled.add(move.target)
    for key in source.input_keys():  # every figure has a declared fate: kept, moved or dropped
        kept = target.has(key) and not target.cell(key).computed and target.cell(key).kind is source.cell(key).kind
        if not kept and key not in seen:
            raise ValueError(f"{vmap.source}→{vmap.target}: nothing declared for {key}")
    return vmap


MAPS: tuple[VersionMap, ...] = (
    _check(_2019_to_2021(), get_form("2019"), get_form("2021")),
    _check(_2021_to_2019(), get_form("2021"), get_form("2019")),
)
