"""The Python module against the CLI and against hand-worked expectations.

Usage: python_test.py KVTIER_BINARY (with the module's directory on PYTHONPATH).
run() must give the dictionary the CLI writes to summary.json for the same system (all
but its wall-clock "run" section), and mrc() the one `kvtier mrc` writes to mrc.json;
TierModel must behave as the C API's test expects.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import kvtier

KVTIER = sys.argv.pop(1)
SHARED = os.environ.get("KVTIER_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
TRACE = os.path.join(SHARED, "traces", "mooncake", "conversation_trace.jsonl")


def cli_summary(*args):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([KVTIER, "run", "-q", "--out", out, *args], check=True)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            return json.load(f)


def cli_mrc(*args):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([KVTIER, "mrc", "-q", "--out", out, *args], check=True)
        with open(os.path.join(out, "mrc.json"), encoding="utf-8") as f:
            return json.load(f)


def without_run(summary):
    return {k: v for k, v in summary.items() if k != "run"}


class TierModelTest(unittest.TestCase):
    def test_default_system(self):
        model = kvtier.TierModel()
        self.assertEqual(model.levels, 3)
        self.assertEqual(model.instances, 8)
        self.assertEqual(model.tier_names, ["hbm", "ddr", "qlc"])
        self.assertEqual(model.block_bytes, 512 * 131072)
        self.assertTrue(model.timed)
        first = model.use(0, [11, 12, 13], 0)
        self.assertEqual(first.found_level, [-1, -1, -1])
        self.assertEqual(first.prefix_hit_blocks, 0)
        again = model.use(0, [11, 12, 13], 1000)
        self.assertEqual(again.found_level, [0, 0, 0])
        self.assertEqual(again.prefix_hit_blocks, 3)
        self.assertEqual(again.prefix_ready_ns, 1000)
        self.assertEqual(model.find(0, 12), 0)
        self.assertEqual(model.find(1, 12), -1)  # another GPU's HBM
        counts = model.counters(0)
        self.assertEqual(counts["hit_blocks"], 3)
        self.assertEqual(counts["inserted_blocks"], 3)
        self.assertEqual(counts["used_blocks"], 3)
        self.assertEqual(counts["written_bytes"], 3 * model.block_bytes)

    def test_a_transfer_of_the_callers_bytes(self):
        sets = ["tiers.ddr.read_bandwidth=1GB/s", "tiers.ddr.read_latency=3us", "tiers.ddr.channels=1",
                "tiers.ddr.efficiency=1.0", "links.pcie.latency=2us", "tiers.hbm.write_latency=0ns"]
        model = kvtier.TierModel(overrides=sets)
        # 1 ms on the DDR's one 1 GB/s server, plus DDR read 3 us and PCIe 2 us; then queued.
        self.assertEqual(model.transfer(0, 1, 0, 1_000_000, 0), 1_005_000)
        self.assertEqual(model.transfer(0, from_level=1, to_level=0, bytes=1_000_000, now_ns=0), 2_005_000)
        ddr = model.counters(1)
        self.assertEqual(ddr["read_bytes"], 2_000_000)
        self.assertEqual(ddr["read_transfers"], 2)
        self.assertEqual(ddr["read_latency_mean_ns"], (1_005_000 + 2_005_000) / 2)
        self.assertIsNone(ddr["write_latency_mean_ns"])  # nothing went into it
        with self.assertRaises(kvtier.Error) as same:
            model.transfer(0, 0, 0, 1, 0)
        self.assertEqual(same.exception.exit_code, 64)

    def test_a_prefill_that_ends_later(self):
        model = kvtier.TierModel(config="cache-only")
        use = model.use(0, [1, 2], 0, computed_now=False)
        self.assertEqual(use.found_level, [-1, -1])
        self.assertEqual(model.find(0, 1), -1)  # not made yet
        self.assertEqual(model.insert(0, [1, 2], 5000), 2)
        self.assertEqual(model.find(0, 2), 0)
        self.assertEqual(model.insert(0, [1, 2], 6000), 0)  # already there

    def test_eviction_with_overrides(self):
        model = kvtier.TierModel(config="cache-only", overrides=["tiers.cache.capacity=2 blocks"])
        model.use(0, [1, 2, 3], 0)
        self.assertEqual(model.find(0, 1), -1)  # the least recent left
        self.assertEqual(model.counters(0)["dropped_blocks"], 1)

    def test_errors_carry_exit_codes(self):
        with self.assertRaises(kvtier.Error) as bad:
            kvtier.TierModel(overrides=["tiers.hbm.eviction=nosuch"])
        self.assertEqual(bad.exception.exit_code, 78)
        self.assertIn("nosuch", str(bad.exception))
        self.assertIsInstance(bad.exception, RuntimeError)
        model = kvtier.TierModel()
        model.use(0, [1], 5000)
        with self.assertRaises(kvtier.Error) as back:
            model.use(0, [1], 4999)
        self.assertEqual(back.exception.exit_code, 64)
        self.assertEqual(str(back.exception), "use at 4999 ns: the model's clock is at 5000 ns and never goes back")
        with self.assertRaises(kvtier.Error) as level:
            model.counters(3)
        self.assertEqual(level.exception.exit_code, 64)
        with self.assertRaises(TypeError):
            model.use(0, [-1], 6000)  # block hashes are unsigned 64-bit


class RunTest(unittest.TestCase):
    def test_run_is_the_cli_summary(self):
        sets = ["tiers.cache.capacity=2000 blocks", "workload.duration=2min"]
        args = ["--config", "cache-only"]
        for s in sets:
            args += ["--set", s]
        got = kvtier.run(config="cache-only", overrides=sets)
        self.assertTrue(got["complete"])
        self.assertGreater(got["requests"]["total"], 0)
        self.assertEqual(without_run(got), without_run(cli_summary(*args)))

    def test_run_from_text_with_a_log(self):
        with open(os.path.join(os.path.dirname(__file__), "..", "golden", "small.toml"), encoding="utf-8") as f:
            text = f.read()
        lines = []
        got = kvtier.run(config_text=text, belady_bound=False, log=lines.append)
        self.assertEqual(got["system"]["name"], "golden-small")
        self.assertNotIn("belady_bound", got)
        self.assertEqual(lines, [])  # the golden system warns of nothing
        # A first tier too small for any request: every one is rejected, with one warning.
        got = kvtier.run(config_text=text, overrides=["tiers.hbm.capacity=2 blocks"], log=lines.append)
        self.assertEqual(got["requests"]["rejected"], got["requests"]["total"])
        self.assertEqual(len(lines), 1)
        self.assertTrue(lines[0].startswith("request 0 needs 6 blocks but an instance's first tier holds 2"))

    def test_run_replays_a_trace(self):
        if not os.path.exists(TRACE):
            self.skipTest(TRACE + " is absent")
        with open(TRACE, encoding="utf-8") as f:
            requests = sum(1 for line in f if line.strip())
        got = kvtier.run(config="cache-only", trace=TRACE)
        self.assertEqual(got["requests"]["total"], requests)
        self.assertEqual(without_run(got), without_run(cli_summary("--config", "cache-only", "--trace", TRACE)))

    def test_mrc_is_the_cli_curve(self):
        got = kvtier.mrc(config="cache-only", overrides=["workload.duration=3min"], points=5, target=0.5)
        self.assertEqual(got, cli_mrc("--config", "cache-only", "--set", "workload.duration=3min", "--points", "5",
                                      "--target", "0.5"))
        self.assertEqual(len(got["points"]), 5)
        sampled = kvtier.mrc(capacities="100 blocks,1TB", sample_rate=0.5)
        self.assertEqual(sampled, cli_mrc("--capacities", "100 blocks,1TB", "--sample-rate", "0.5"))
        self.assertIsNone(sampled["points"][0]["prefix_hit_ratio"])
        if os.path.exists(TRACE):
            self.assertEqual(kvtier.mrc(trace=TRACE), cli_mrc("--trace", TRACE))
        with self.assertRaises(kvtier.Error) as bad:
            kvtier.mrc(target=1.5)
        self.assertEqual(bad.exception.exit_code, 64)

    def test_bad_input(self):
        with self.assertRaises(kvtier.Error) as missing:
            kvtier.run(config="no-such-system")
        self.assertEqual(missing.exception.exit_code, 66)
        with self.assertRaises(kvtier.Error) as bad_set:
            kvtier.run(overrides=["tiers.hbm.capacity"])
        self.assertEqual(bad_set.exception.exit_code, 64)


if __name__ == "__main__":
    unittest.main(verbosity=1)
