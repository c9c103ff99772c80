"""The console script and ``python -m infokit`` run the demo and the rank command."""

import json
import math
import re
import subprocess
import sys

import numpy as np
import pytest

from infokit.cli import main


def test_demo_prints_every_section(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for heading in ("infokit.dist", "weather data", "kNN estimators", "Feature ranking and selection", "Units: nats"):
        assert heading in out
    assert "nan" not in out.lower().replace("nans", "")


ROW = re.compile(r"^\s+(?P<label>.+?)\s+(?P<value>\S+)\s+(?:bits|nats)?\s*\(expected (?P<expected>\S+)\)$")


def test_demo_figures_match_their_expected_values(capsys):
    main(["demo"])
    checked = 0
    for line in capsys.readouterr().out.splitlines():
        m = ROW.match(line)
        if not m:
            continue
        value, expected = float(m["value"]), float(m["expected"])
        if "KSG" in line or "Kozachenko" in line:
            assert abs(value - expected) < 0.05, line  # kNN estimates at n = 2000
        elif math.isinf(expected):
            assert math.isinf(value), line
        else:
            assert abs(value - expected) < 1e-4, line  # closed forms, 4 printed decimals
        checked += 1
    assert checked >= 12


def test_demo_selection_lines_agree_with_what_they_expect(capsys):
    main(["demo"])
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Feature ranking and selection"))
    ranked, ranked_expected, jmi, jmi_expected, xor, mrmr = (line.strip() for line in lines[at + 1 : at + 7])
    assert ranked.split(": ")[1] == ranked_expected.split("expected: ")[1].split(":")[0]
    assert jmi.split(": ")[1] == jmi_expected.split("expected: ")[1].split(", by")[0]
    assert xor.endswith("JMI picks: z1, z4  (expected: z1, z4)")
    assert mrmr.split(": ")[1].startswith("z1, ") and not mrmr.split(": ")[1].startswith("z1, z4")


def test_python_dash_m_runs_demo():
    proc = subprocess.run([sys.executable, "-m", "infokit", "demo"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "I(outlook; play)" in proc.stdout


def test_rank_orders_columns_by_information_gain(tmp_path, capsys):
    from infokit.data import load_weather

    w = load_weather()
    path = tmp_path / "weather.csv"
    names = list(w)
    rows = [",".join(names)] + [",".join(w[n][i] for n in names) for i in range(len(w["play"]))]
    path.write_text("\n".join(rows) + "\n")
    assert main(["rank", str(path), "--target", "play", "--base", "2", "--json"]) == 0
    ranked = [row["feature"] for row in json.loads(capsys.readouterr().out)]
    # Quinlan's information gains: outlook 0.247 > humidity 0.152 > windy 0.048 > temperature 0.029.
    assert ranked == ["outlook", "humidity", "windy", "temperature"]


def test_rank_keeps_integer_coded_labels_discrete(tmp_path, capsys):
    # Regression: every CSV column used to become float, so method="auto" ran a
    # kNN estimator on tied integers. Integer columns are labels: the discrete
    # estimator's plug-in MI, bounded by H(target) = ln 2 for a binary target.
    from infokit.estimate import discrete_mutual_info

    a = [0, 1, 2, 3] * 25
    target = [v % 2 for v in a]
    path = tmp_path / "codes.csv"
    path.write_text("a,target\n" + "".join(f"{u},{t}\n" for u, t in zip(a, target)))
    assert main(["rank", str(path), "--target", "target", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    name, score = row["feature"], row["mi"]
    assert (name, row["estimator"], row["rows"], row["unit"]) == ("a", "discrete", 100, "nats")
    assert float(score) == pytest.approx(discrete_mutual_info(a, target), abs=1e-6)
    assert float(score) <= math.log(2) + 1e-6


def test_rank_unknown_target(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    assert main(["rank", str(path), "--target", "zzz"]) == 2
    assert "zzz" in capsys.readouterr().err


def _csv(tmp_path, text, name="t.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("a,b\n", "no data rows"),
        ("a,b\n1,2\n3\n", "line 3: 1 fields, but the header has 2"),
        ("a,b\r\n1,2\r\n\r\n3,4,5\r\n", "line 4: 3 fields, but the header has 2"),
        ('a,b\n"1,5",2\n3\n', "line 3: 1 fields, but the header has 2"),
    ],
    ids=["empty", "header-only", "ragged", "ragged-crlf-blank-line", "ragged-quoted"],
)
def test_rank_bad_files_are_reported(tmp_path, capsys, text, message):
    assert main(["rank", _csv(tmp_path, text), "--target", "a"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and message in err


def test_ragged_rows_are_found_across_block_ends(tmp_path):
    # The ragged-row check streams the file in blocks: lines cut at block
    # ends, blank lines and CRLF must give the same verdict and line number.
    from infokit.cli import CliError, _check_rows

    good = b"a,b,c\r\n1,2,3\n\n4,5,6\n,,\n" * 7 + b"7,8,9"
    bad = good.replace(b"4,5,6\n,,", b"4,5,6\n,", 1)  # line 5 has 2 fields
    path = tmp_path / "t.csv"
    for block in (1, 3, 8, 40, 1 << 20):
        path.write_bytes(good)
        _check_rows(str(path), ",", block=block)
        path.write_bytes(bad)
        with pytest.raises(CliError, match="line 5: 2 fields, but the header has 3"):
            _check_rows(str(path), ",", block=block)


def test_columns_typed_alike_across_read_chunks(tmp_path, capsys, monkeypatch):
    # The CSV is read in chunks of rows, each typed on its own: a column of
    # integers that turns to floats or to text in a later chunk must come out
    # as one whole-file read types it.
    import infokit.cli as cli

    rows = ["n,f,t,y"] + [f"{i % 3},{i % 4},{i % 2},{i % 2}" for i in range(8)]
    rows[7] = "1,2.5,b,0"  # f becomes float, t text, from the 4th chunk of 2 rows
    path = _csv(tmp_path, "\n".join(rows) + "\n")
    assert main(["rank", path, "--target", "y", "--json"]) == 0
    whole = capsys.readouterr().out
    monkeypatch.setattr(cli, "_CSV_CHUNK_ROWS", 2)
    assert main(["rank", path, "--target", "y", "--json"]) == 0
    assert capsys.readouterr().out == whole
    cols = cli._load(path, [], [])
    assert cols["f"].values.dtype.kind == "f" and cols["t"].values.dtype.kind == "U"
    assert cols["n"].values.dtype.kind == "i"


def test_rank_missing_file_and_bad_base(tmp_path, capsys):
    assert main(["rank", str(tmp_path / "nope.csv"), "--target", "a"]) == 2
    assert "no such file" in capsys.readouterr().err
    path = _csv(tmp_path, "a,b\n1,2\n2,1\n")
    assert main(["rank", path, "--target", "a", "--base", "1"]) == 2
    assert "--base" in capsys.readouterr().err


def test_rank_reads_a_byte_order_mark(tmp_path, capsys):
    # Spreadsheets write a BOM; the first column must still be called "a".
    path = _csv(tmp_path, "a,b\n0,0\n1,1\n0,0\n1,1\n", encoding="utf-8-sig")
    assert main(["rank", path, "--target", "a", "--csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split(",")[0] == "b"


def test_rank_blank_cells_are_missing_not_labels(tmp_path, capsys):
    # One blank cell used to turn a float column into 100 distinct strings,
    # ranked first at H(target). Now the row is left out and the column stays continuous.
    rng = np.random.default_rng(0)
    noise = [f"{v:.6f}" for v in rng.normal(size=200)]
    noise[17] = ""
    signal = rng.normal(size=200)
    target = (signal > 0).astype(int)
    lines = ["noise,signal,target"] + [f"{a},{b:.6f},{t}" for a, b, t in zip(noise, signal, target)]
    assert main(["rank", _csv(tmp_path, "\n".join(lines) + "\n"), "--target", "target", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["feature"] for r in rows] == ["signal", "noise"]
    assert (rows[1]["estimator"], rows[1]["rows"]) == ("ross", 199)
    assert rows[0]["mi"] <= math.log(2) + 0.05


@pytest.fixture
def mixed_csv(tmp_path):
    rng = np.random.default_rng(3)
    n = 400
    a = rng.integers(0, 3, n)
    b = rng.integers(0, 2, n)
    noise = rng.integers(0, 3, n)
    x = a + rng.normal(size=n)
    y = (a + b) % 3
    lines = ["a,b,noise,x,y"] + [f"{u},{v},{w},{z:.5f},{t}" for u, v, w, z, t in zip(a, b, noise, x, y)]
    return _csv(tmp_path, "\n".join(lines) + "\n"), (a, b, noise, x, y)


def test_table_json_and_csv_carry_the_same_fields(mixed_csv, capsys):
    path, _ = mixed_csv
    assert main(["rank", path, "--target", "y"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert main(["rank", path, "--target", "y", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert main(["rank", path, "--target", "y", "--csv", "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert table[0].split() == list(rows[0]) == lines[0].split(",")
    assert [r.split()[0] for r in table[1:]] == [r["feature"] for r in rows]
    assert len(lines) == 3 and lines[1].split(",")[0] == rows[0]["feature"]
    assert {r["feature"]: r["estimator"] for r in rows} == {
        "a": "discrete",
        "b": "discrete",
        "noise": "discrete",
        "x": "ross",
    }


def test_select_mi_and_matrix(mixed_csv, capsys):
    from infokit.estimate import conditional_mutual_info, mutual_info
    from infokit.feature_selection import select_features

    path, (a, b, noise, _, y) = mixed_csv
    assert main(["select", path, "--target", "y", "--criterion", "jmi", "-k", "2", "--json", "--continuous", "a"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["feature"] for r in rows][1] == "b"  # y = a + b mod 3: after a (or x, its noisy copy), JMI finds b
    assert main(["mi", path, "--x", "a", "--y", "y", "--z", "b", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["value"] == pytest.approx(conditional_mutual_info(a, y, b), rel=1e-12)
    assert (row["quantity"], row["estimator"]) == ("I(a; y | b)", "discrete")
    assert main(["mi", path, "--x", "a,b", "--y", "y", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["value"] == pytest.approx(mutual_info(np.c_[a, b], y), rel=1e-12)
    assert main(["matrix", path, "--json", "--top", "3"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert len(pairs) == 3 and pairs[0]["mi"] >= pairs[1]["mi"] >= pairs[2]["mi"]
    assert select_features(np.c_[a, b, noise], y, n_features_to_select=2).ranking.tolist() == [0, 1]


def test_cli_errors_are_one_line(mixed_csv, capsys):
    path, _ = mixed_csv
    for argv, message in [
        (["rank", path, "--target", "zzz"], "target column 'zzz'"),
        (["mi", path, "--x", "a", "--y", "nope"], "unknown column 'nope'"),
        (["rank", path, "--target", "y", "--discrete", "nope"], "unknown column 'nope'"),
        (["rank", path, "--target", "y", "--top", "0"], "--top"),
        (["select", path, "--target", "y", "--criterion", "best"], "criterion"),
        (["mi", path, "--x", "a,x", "--y", "y"], "all labels or all numbers"),
    ]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("error:") and message in err and len(err.strip().splitlines()) == 1, err


def test_identifier_like_label_columns_get_a_note(tmp_path, capsys):
    # All-distinct labels have plug-in MI H(target) with anything: flagged, not trusted silently.
    rng = np.random.default_rng(0)
    ids = rng.permutation(300)
    target = rng.integers(0, 2, 300)
    path = _csv(tmp_path, "id,t\n" + "".join(f"s{i},{t}\n" for i, t in zip(ids, target)))
    assert main(["rank", path, "--target", "t"]) == 0
    assert "identifier" in capsys.readouterr().err


def test_rank_pvalue_interval_and_plot(mixed_csv, capsys, tmp_path):
    from infokit.estimate import mi_bootstrap, mi_test

    path, (a, _, _, x, y) = mixed_csv
    png = tmp_path / "rank.png"
    argv = ["rank", path, "--target", "y", "--pvalue", "--permutations", "49", "--ci", "--resamples", "20"]
    assert main([*argv, "--json", "--plot", str(png)]) == 0
    rows = {r["feature"]: r for r in json.loads(capsys.readouterr().out)}
    want = mi_test(x, y, method="ross", n_permutations=49, random_state=0)
    assert rows["x"]["pvalue"] == pytest.approx(want.pvalue) and rows["x"]["null_95"] >= 0
    boot = mi_bootstrap(a, y, n_resamples=20, random_state=0)
    assert (rows["a"]["ci_low"], rows["a"]["ci_high"]) == pytest.approx((boot.low, boot.high))
    assert rows["a"]["ci_low"] <= rows["a"]["mi"] <= rows["a"]["ci_high"]
    assert png.exists() and png.stat().st_size > 1000


def test_bench_quick_prints_ratios_that_agree(capsys):
    pytest.importorskip("sklearn")
    assert main(["bench", "--quick"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| benchmark | infokit | anchor | speed-up |"
    rows = [line for line in lines[2:] if line.startswith("| ")]
    assert len(rows) == 4 and all(line.rstrip().endswith("x |") for line in rows)


def test_version(capsys):
    import infokit

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"infokit {infokit.__version__}"


def test_a_closed_pipe_ends_quietly(mixed_csv):
    path, _ = mixed_csv
    proc = subprocess.run(
        f"{sys.executable} -m infokit matrix {path} | head -n 1", shell=True, capture_output=True, text=True
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


def test_nan_raise_names_the_columns_with_missing_cells(tmp_path, capsys):
    path = _csv(tmp_path, "a,b,t\n1,,0\n2,3,1\n,4,0\n5,6,1\n")
    assert main(["rank", path, "--target", "t", "--nan", "raise"]) == 2
    err = capsys.readouterr().err
    assert "'a' (1)" in err and "'b' (1)" in err
    assert main(["rank", path, "--target", "t", "--json"]) == 0
    assert {r["feature"]: r["rows"] for r in json.loads(capsys.readouterr().out)} == {"a": 3, "b": 3}


def test_unknown_command_exits_with_usage():
    with pytest.raises(SystemExit):
        main(["frobnicate"])


def test_the_csv_module_reads_like_pandas(mixed_csv, capsys, monkeypatch):
    # Without pandas the standard library reads the file, with the same typing rule.
    import importlib.util

    path, _ = mixed_csv
    assert main(["rank", path, "--target", "y", "--json"]) == 0
    with_pandas = json.loads(capsys.readouterr().out)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandas" else real(name, *a))
    assert main(["rank", path, "--target", "y", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == with_pandas


def test_alike_notes_are_printed_once(tmp_path, capsys):
    # Many tied float columns: one note per kind with the names it concerns,
    # not one per column (the trial's digits gave 122 lines) or per pair.
    rng = np.random.default_rng(0)
    frame = {f"c{i}": rng.integers(0, 5, 300).astype(float) for i in range(8)}
    frame["y"] = rng.integers(0, 2, 300)
    lines = [",".join(frame)] + [",".join(str(frame[c][r]) for c in frame) for r in range(300)]
    path = _csv(tmp_path, "\n".join(lines) + "\n")
    assert main(["rank", path, "--target", "y"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert 1 <= len(err) <= 3 and all(line.startswith("note: 8 estimates ('c0', ") for line in err)
    assert main(["matrix", path]) == 0
    assert len(capsys.readouterr().err.splitlines()) <= 4
    assert main(["select", path, "--target", "y", "-k", "2"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert all(line.startswith("note: selection: ") and len(line) < 400 for line in err)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--pvalue", "--permutations", "0"], "--permutations must be at least 1"),
        (["--ci", "--resamples", "1"], "--resamples must be at least 2"),
    ],
)
def test_significance_options_are_checked(mixed_csv, capsys, extra, message):
    assert main(["rank", mixed_csv[0], "--target", "y", *extra]) == 2
    assert capsys.readouterr().err.strip() == f"error: {message}"


def test_select_more_than_there_are(mixed_csv, capsys):
    assert main(["select", mixed_csv[0], "--target", "y", "-k", "99"]) == 2
    assert "-k 99: the file has" in capsys.readouterr().err


def test_duplicate_column_names_are_refused(tmp_path, capsys):
    path = _csv(tmp_path, "a,b,a\n1,2,3\n2,1,3\n1,1,1\n")
    assert main(["rank", path, "--target", "b"]) == 2
    assert "the header names 'a' more than once" in capsys.readouterr().err


def test_parquet_without_pyarrow_is_one_line(tmp_path, capsys):
    pytest.importorskip("pandas")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyarrow is installed: Parquet reads")
    path = tmp_path / "t.parquet"
    path.write_bytes(b"PAR1")
    assert main(["rank", str(path), "--target", "a"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1
