"""The official labels as a page in traditional characters prints them, folded back for matching.

Some portals serve their pages in traditional characters (a 繁體 switch), and a clerk's copy may
have passed through a converter: ``三、收到和處理政府資訊公開申請情況``, ``行政複議``,
``規範性檔案``.  ``fold_traditional`` turns the traditional forms of the characters of the
official labels, headings, the report's name and the endings of an organ's name (局, 委員會,
辦公室, 街道辦事處 …) into the simplified ones, and the few words a converter changes as words
(資訊 → 信息, 檔案 → 文件, 專案 → 项目, 資料 → 数据), so that a heading, a table's label or the
title is recognised.  It is for matching only: a reader compares the folded text and keeps the
text as written (the clerk's words are never changed).  Each character and word keeps its length,
so a place found in the folded text is the same place in the text as written.  The prose checks
read a sentence folded the same way (with the characters of the words they look for, too: 較上年增長,
來信來訪, 兩), and quote it as written.
"""

from __future__ import annotations

import re

#: Words a converter writes otherwise in traditional Chinese (Taiwan's usage), each as long as
#: the word it stands for.
_WORDS = (("資訊", "信息"), ("檔案", "文件"), ("專案", "项目"), ("資料", "数据"))
#: Pairs (traditional, simplified): every character of the official labels, headings and title
#: words, and of the organ-name endings, that a converter writes otherwise.
_PAIRS = ("萬万業业為为爲为舉举鄉乡於于會会體体關关內内決决況况減减製制辦办務务動动區区華华單单廳厅縣县發发臺台號号後后"
          "員员團团國国場场處处複复覆复學学審审對对屬属廢废開开強强當当總总執执護护報报據据數数無无機机權权條条構构沒没"
          "現现確确祕秘穩稳類类係系糾纠納纳組组織织經经結结繼继續续維维繳缴罰罚範范獲获補补規规計计認认議议許许訟讼"
          "訪访訴诉試试詢询請请購购費费轉转過过這这進进採采鎮镇問问隊队項项題题額额館馆")
#: The characters, written otherwise in traditional Chinese, of the words the prose checks look for
#: (``core.prose_figures``: 与, 个, 较上年增长, 来信来访, 热线, 亿元 …; the required topics: 平台建设, 网站,
#: 监督, 培训, 问责, 评议 …) and of the events a year carried over is kept for (``core.year_shift``:
#: 修订, 颁布, 发布), and of the words leading a preface's sentence into the agency's name (现将).
_PROSE_PAIRS = ("將将與与個个達达熱热線线來来電电諮咨貼贴記记備备協协並并順顺億亿較较長长點点歷历曆历兩两應应設设監监復复"
                "專专餘余門门網网訊讯資资檔档聯联郵邮話话編编碼码紙纸質质書书實实際际標标準准訓训責责評评訂订頒颁佈布")
_FOLD = str.maketrans(_PAIRS[0::2] + _PROSE_PAIRS[0::2], _PAIRS[1::2] + _PROSE_PAIRS[1::2])
_HAS_TRADITIONAL = re.compile("[" + _PAIRS[0::2] + _PROSE_PAIRS[0::2] + "".join(word[0] for word, _ in _WORDS) + "]").search


def fold_traditional(text: str) -> str:
    """``text`` with the traditional forms of the labels' characters and words simplified (same
    length): ``收到和處理政府資訊公開申請情況`` → ``收到和处理政府信息公开申请情况``."""
    if not _HAS_TRADITIONAL(text):
        return text   # (a simplified text: looking costs a tenth of translating)
    for word, simplified in _WORDS:
        if word in text:
            text = text.replace(word, simplified)
    return text.translate(_FOLD)


#: Characters of the names of places and organs (the units of a 汇总: 衛生健康委員會, 財政局, 農業農村局,
#: 雲川縣 …) written otherwise in traditional Chinese, beyond those of the labels.
_NAME_PAIRS = ("雲云財财衛卫農农醫医軍军統统產产園园陽阳灣湾濟济興兴東东龍龙廣广貴贵嶺岭橋桥義义紀纪檢检稅税環环"
               "壩坝黃黄鄭郑劉刘張张陳陈楊杨趙赵吳吴塢坞鳳凤豐丰嶽岳峽峡灘滩濱滨澤泽蘭兰鶴鹤慶庆寧宁遼辽蘇苏閩闽贛赣"
               "療疗魯鲁粵粤瓊琼陝陕隴陇臺台圖图書书儲储糧粮資资營营運运鐵铁郵邮氣气歲岁懷怀")
_NAME_FOLD = str.maketrans(_PAIRS[0::2] + _PROSE_PAIRS[0::2] + _NAME_PAIRS[0::2],
                           _PAIRS[1::2] + _PROSE_PAIRS[1::2] + _NAME_PAIRS[1::2])


def fold_name(name: str) -> str:
    """An organ's name with its traditional characters simplified, character by character (no words
    replaced: 檔案館 is 档案馆): ``雲川縣衛生健康委員會`` → ``云川县卫生健康委员会``."""
    return name.translate(_NAME_FOLD)
