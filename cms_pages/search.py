"""Chinese full-text search for public notices: jieba segmentation and highlighting.

PostgreSQL's parser reads a run of Chinese characters as one word (shared/PITFALLS.md), so
documents are segmented here with jieba (each word and every dictionary word inside it:
集体合同 → 集体合同, 集体, 合同) and stored as a 'simple' tsvector of the space-joined tokens;
queries are segmented in precise mode and ANDed. Both sides go through the same parser, so a
token such as 8.5% is split identically in documents and queries.

jieba loads its dictionary once per process (~0.8 s, ~100 MB), on first use, under a lock.
"""

from __future__ import annotations

import html
import logging
import re
import threading

import jieba
from django.utils.safestring import SafeString, mark_safe

# Terms of the trade that jieba's general dictionary splits or misses.
DOMAIN_WORDS = (
    "集体合同",
    "集体协商",
    "工资集体协商",
    "专项集体合同",
    "女职工权益保护",
    "劳动安全卫生",
    "职工代表大会",
    "职代会",
    "最低工资",
    "带薪年休假",
    "社会保险",
    "住房公积金",
    "职业健康检查",
    "标准工时",
    "综合计算工时",
    "不定时工作制",
    "加班工资",
    "一函两书",
    "履约监督",
)
# Words too common to search for on their own; dropped from queries and documents alike.
STOPWORDS = frozenset("的了和与及或在是为等并其之由对按将被以于中")  # single characters
MAX_QUERY_TERMS = 8
_WORD = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()
_tokenizer = None


def _jieba():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word in DOMAIN_WORDS:
                    tokenizer.add_word(word, freq=20000)
                _tokenizer = tokenizer
    return _tokenizer


def _keep(token: str) -> bool:
    token = token.strip()
    return bool(token) and bool(_WORD.search(token)) and token not in STOPWORDS


def document_tokens(text: str) -> list[str]:
    """Tokens of a document, in order, lower-cased: each word of the precise segmentation and
    every dictionary word inside it (社会保险费 → 社会保险费, 社会, 社会保险, 保险, 保险费, …).

    jieba's own search mode stops at three-character sub-words, so a query for 社会保险 would miss
    a document saying 社会保险费; every length is taken here.
    """
    tokenizer = _jieba()
    frequencies = tokenizer.FREQ
    tokens = []
    for word in tokenizer.cut(text or ""):
        word = word.strip().lower()
        if not _keep(word):
            continue
        tokens.append(word)
        for size in range(2, len(word)):
            for start in range(len(word) - size + 1):
                part = word[start : start + size]
                if frequencies.get(part) and part not in STOPWORDS:
                    tokens.append(part)
    return tokens


def words(text: str) -> list[str]:
    """The text cut into jieba's precise words, punctuation and spaces kept, so that joining them
    gives the text back (the compare page's word-level difference)."""
    return list(_jieba().cut(text or ""))


def search_document(text: str) -> str:
    """The space-joined tokens stored as to_tsvector('simple', …)."""
    return " ".join(document_tokens(text))


def query_terms(query: str) -> list[str]:
    """The terms a query asks for (precise mode, distinct, at most MAX_QUERY_TERMS), all of which
    a notice must contain."""
    terms: list[str] = []
    for token in _jieba().cut(query or ""):
        token = token.strip().lower()
        if _keep(token) and token not in terms:
            terms.append(token)
    return terms[:MAX_QUERY_TERMS]


def highlight(text: str, terms: list[str] | tuple[str, ...], *, width: int = 110) -> SafeString:
    """An escaped excerpt of `text` around the first match, every term wrapped in <mark>.

    Without a match (or terms) the beginning of the text; ellipses mark cut ends.
    """
    text = text or ""
    pattern = (
        re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
        if terms
        else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    excerpt = text[start:end]
    parts = []
    position = 0
    for match in pattern.finditer(excerpt) if pattern else ():
        parts.append(html.escape(excerpt[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(html.escape(excerpt[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part escaped above
