from __future__ import annotations

from pathlib import Path

import pytest

from checker.api import check_text
from checker.evaluate import load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = {
    "000": FIXTURES / "000_afa1c9d59f367721.txt",
    "001": FIXTURES / "001_f6bb264d07dd80ca.txt",
    "002": FIXTURES / "002_943b5966bb0e66c9.txt",
    "003": FIXTURES / "003_64caf8860024a4f7.txt",
    "004": FIXTURES / "004_8188c43d4e8d5109.txt",
}
# the five text reports as command-line arguments (the folder fixtures/ also holds their .docx,
# PDF and web-page copies under formats/, which `check fixtures` would pick up too)
SEED_ARGS = [str(p) for p in SEEDS.values()]


# the number of bundled rules (tests that count rows per report)
N_RULES = len(load_rules().rules)

# rules whose result depends on what the file format can carry, not on the report's words: a Word
# file can hold tracked changes and comments, a web page has a publication date. The format tests
# compare every other verdict with the text copy's, and assert these on their own (a text file is
# checked for undecodable bytes, a Word or PDF file is read by its own structure).
FORMAT_DEPENDENT = ("format.revisions", "format.publication", "format.encoding")


def seeds_in_folders(reports: Path, second: str = "市直部门") -> Path:
    """The five fixtures in two sub-folders of ``reports``, as an inspection office receives
    them: the first three in 区A, the other two in ``second``."""
    import shutil

    for i, p in enumerate(SEEDS.values()):
        sub = reports / ("区A" if i < 3 else second)
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, sub / p.name)
    return reports


def text_verdicts(report):
    return [(r.id, r.status) for r in report.results if r.id not in FORMAT_DEPENDENT]


# the head of a one-rule pack, for tests that write their own rules
RULE_HEAD = """\
pack: t
rules:
  - id: t.rule
    title: 测试
    severity: warning
    basis: 测试
"""


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def seed_reports(rules):
    from checker.api import check_path

    return {k: check_path(str(p), rules) for k, p in SEEDS.items()}


def result(report, rule_id):
    return next(r for r in report.results if r.id == rule_id)


def cli(capsys, *args):
    """Run the command line in process: (exit code, stdout, stderr)."""
    from checker.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def check(rules):
    def run(text: str, rule_id: str | None = None):
        rep = check_text(text, rules)
        return result(rep, rule_id) if rule_id else rep

    return run


@pytest.fixture(scope="session")
def web_server():
    """`fzcheck serve` on a free port of 127.0.0.1 in a thread, with two workers (the page and
    its API; tests/test_web*.py)."""
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'fzcheck[web]')")
    from checker.web import Config, Server
    from checker.web.pool import Limits

    server = Server(Config(port=0, limits=Limits(workers=2, seconds=60))).start()
    server.pool.caps()  # the workers are up
    yield server
    server.stop()


@pytest.fixture(scope="session")
def bad_uploads(tmp_path_factory):
    from web_samples import bad_files

    return bad_files(tmp_path_factory.mktemp("bad-uploads"))
