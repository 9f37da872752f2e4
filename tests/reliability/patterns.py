"""Finding every regular expression the pipeline holds, and strings built to make a backtracking
engine work hard on it: each repeated part of the pattern pumped thousands of times, then a character
that makes the match fail, so that an engine which tries every way of splitting the run shows it."""

from __future__ import annotations

import gc
import re
import sys
import types
from functools import _lru_cache_wrapper

try:
    from re import _constants as C, _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_constants as C
    import sre_parse

_CONTAINERS = (dict, list, tuple, set, frozenset)
_CATEGORY_SAMPLE = {C.CATEGORY_DIGIT: "1", C.CATEGORY_NOT_DIGIT: "a", C.CATEGORY_SPACE: " ",
                    C.CATEGORY_NOT_SPACE: "a", C.CATEGORY_WORD: "a", C.CATEGORY_NOT_WORD: " "}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


def _ours(obj) -> bool:
    module = getattr(obj, "__module__", None) or getattr(type(obj), "__module__", "")
    return isinstance(module, str) and module.split(".")[0] == "eventatlas"


def held_patterns(prefix: str = "eventatlas") -> dict[str, re.Pattern]:
    """Every compiled str pattern reachable from the package's modules: module globals, the caches of
    lru_cache'd loaders, and the objects of the package's own classes (rule tables read from data files)."""
    todo = [vars(m) for name, m in list(sys.modules.items()) if name.split(".")[0] == prefix]
    seen: set[int] = set()
    found: dict[str, re.Pattern] = {}
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            if isinstance(obj.pattern, str):
                found.setdefault(obj.pattern, obj)
            continue
        if isinstance(obj, (str, bytes, int, float, types.ModuleType, type)):
            continue
        if isinstance(obj, _CONTAINERS) or isinstance(obj, _lru_cache_wrapper) or (
                isinstance(obj, (types.FunctionType, types.CellType)) or _ours(obj)):
            if isinstance(obj, types.FunctionType) and not _ours(obj):
                continue
            todo.extend(gc.get_referents(obj))
    return found


def _sample(items) -> str:
    """A short string that the parsed pattern (or most of it) matches."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL:
            out.append("b" if chr(av) == "a" else "a")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            out.append(_sample_class(av))
        elif op in _REPEATS:
            out.append(_sample(av[2]) * max(av[0], 1))
        elif op is C.SUBPATTERN:
            out.append(_sample(av[-1]))
        elif op is C.BRANCH:
            out.append(_sample(av[1][0]))
    return "".join(out)


def _sample_class(av) -> str:
    if any(o is C.NEGATE for o, _ in av):
        excluded = {a for o, a in av if o is C.LITERAL}
        return "a" if 97 not in excluded else "Z"
    op, arg = next(x for x in av if x[0] is not C.NEGATE)
    if op is C.LITERAL:
        return chr(arg)
    if op is C.RANGE:
        return chr(arg[0])
    return _CATEGORY_SAMPLE.get(arg, "a")


def _repeated_parts(items, acc: list) -> list:
    for op, av in items:
        if op in _REPEATS:
            acc.append(av[2])
            _repeated_parts(av[2], acc)
        elif op is C.SUBPATTERN:
            _repeated_parts(av[-1], acc)
        elif op is C.BRANCH:
            for branch in av[1]:
                _repeated_parts(branch, acc)
    return acc


GENERIC_PUMPS = ["A", "a", " ", "\n", "A ", "A.", "a ", "1", "A&", "(", "-", "A, "]


def hostile_strings(pattern: re.Pattern, size: int) -> list[str]:
    tree = list(sre_parse.parse(pattern.pattern, pattern.flags))
    pumps = {_sample(part) for part in _repeated_parts(tree, [])} | {_sample(tree)} | set(GENERIC_PUMPS)
    out = []
    for pump in sorted(p for p in pumps if p):
        n = max(1, size // len(pump))
        out += [pump * n + "\x00!", "(" + pump * n, pump * 30 + "!"]
    return out
