"""jieba's tokenizer over its dictionary read a first character at a time cuts exactly as
jieba's own, builds its index once, and survives a broken or unwritable cache."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
import yaml

from huashu import worddict
from huashu.compliance.boundaries import Segmenter
from huashu.learn.features import WordTokenizer

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("compliance_corpus.yaml", "compliance_law_dev24.yaml"):
        walk(yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8")))
    out += ["", " ", "ABC123 abc", "🉐现😀", "１２３ＡＢＣ", "a\r\nb\tc", "中国农业银行余额宝本月"]
    return out


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    full = jieba.Tokenizer()
    full.initialize()
    return full


def test_cuts_every_text_as_jieba_does(tmp_path: Path, reference: jieba.Tokenizer) -> None:
    lazy = worddict.tokenizer(tmp_path)
    texts = _texts()
    assert len(texts) > 500
    for text in texts:
        for hmm in (False, True):
            assert list(lazy.tokenize(text, HMM=hmm)) == list(reference.tokenize(text, HMM=hmm))
    assert lazy.total == reference.total


def test_added_words_cut_as_jieba_and_stay_in_their_tokenizer(
    tmp_path: Path, reference: jieba.Tokenizer
) -> None:
    lazy, other = worddict.tokenizer(tmp_path), worddict.tokenizer(tmp_path)
    copy = jieba.Tokenizer()
    copy.FREQ, copy.total, copy.initialized = dict(reference.FREQ), reference.total, True
    for tk in (lazy, copy):
        tk.add_word("稳盈宝", freq=max(tk.suggest_freq("稳盈宝"), 5))
    text = "稳盈宝本月收益"
    assert list(lazy.tokenize(text, HMM=False)) == list(copy.tokenize(text, HMM=False))
    assert ("稳盈宝", 0, 3) in list(lazy.tokenize(text, HMM=False))
    assert "稳盈宝" not in other.FREQ
    assert other.total == reference.total


def test_the_index_is_written_once_and_rebuilt_when_broken(tmp_path: Path) -> None:
    worddict.tokenizer(tmp_path)
    (index,) = tmp_path.glob("jieba-dict-*.bin")
    stamp = index.stat().st_mtime_ns
    worddict._shared.clear()
    worddict.tokenizer(tmp_path)
    assert index.stat().st_mtime_ns == stamp

    index.write_bytes(b"\x05\x00")
    worddict._shared.clear()
    tk = worddict.tokenizer(tmp_path)
    assert list(tk.tokenize("确保本金", HMM=False)) == [("确保", 0, 2), ("本金", 2, 4)]
    assert index.stat().st_size > 1_000_000
    assert list(tmp_path.iterdir()) == [index]


def test_a_cache_path_that_is_a_file_is_logged_and_the_cut_still_works(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="huashu.worddict"):
        tk = worddict.tokenizer(blocker)
    assert list(tk.tokenize("确保本金", HMM=False)) == [("确保", 0, 2), ("本金", 2, 4)]
    assert "not cached" in caplog.text
    assert blocker.read_text() == "x"


def test_the_cache_directory_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUASHU_CACHE_DIR", str(tmp_path / "a"))
    assert worddict.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("HUASHU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert worddict.cache_dir() == tmp_path / "x" / "huashu"


def test_mapping_protocol(tmp_path: Path, reference: jieba.Tokenizer) -> None:
    freq = worddict.tokenizer(tmp_path).FREQ
    assert freq["中国"] == reference.FREQ["中国"]
    assert freq.get("中国农") == 0 and "中国农" in freq
    assert freq.get("zz不存在的词zz") is None and 5 not in freq and "" not in freq
    with pytest.raises(KeyError):
        freq["乛乛乛"]
    freq["乛乛"] = 3
    assert freq["乛乛"] == 3
    del freq["乛乛"]
    assert "乛乛" not in freq


def test_users_of_the_dictionary_cut_as_before() -> None:
    segmenter = Segmenter()
    assert segmenter.straddles("我们确保本金安全", 3, 5)
    assert not segmenter.straddles("我们保本保息", 2, 4)
    words = WordTokenizer(["稳盈宝"]).words("稳盈宝本月收益率提高")
    assert words[0] == "稳盈宝" and "收益率" in words
