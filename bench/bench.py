#!/usr/bin/env python3
"""The benchmark: whole-process time and peak memory of the offline plan against the anchors
(../shared/anchors), in-process cost of registering 3/30/300 tables, validator time on DynamoDB
Local, and optionally the test suite's wall time. Medians of several runs after a warm-up; the
anchors run in the same invocation, interleaved, so the ratios hold on a noisy machine.

Usage: python3 bench/bench.py [--runs 7] [--with-tests]      (from the repository root)
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHORS = os.path.join(os.path.dirname(ROOT), "shared", "anchors", "run.sh")
JAR = ["java", "-jar", "target/bbws-dynamodb.jar"]
# the JVM options the README recommends (JDK_JAVA_OPTIONS): the archive built with the jar, C1 only, serial GC
TUNED_OPTIONS = ["-XX:SharedArchiveFile=target/bbws-dynamodb.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                 "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
TUNED = ["java"] + TUNED_OPTIONS + ["-jar", "target/bbws-dynamodb.jar"]


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def measured(cmd):
    """Wall seconds and peak RSS (MiB, of the largest process) of one run of cmd, through GNU time.
    A leading "NAME=value" sets an environment variable for that run."""
    env = dict(os.environ)
    while cmd and "=" in cmd[0] and not cmd[0].startswith("-"):
        name, value = cmd[0].split("=", 1)
        env[name], cmd = value, cmd[1:]
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def java_cp(main, *args, options=()):
    with open(os.path.join(ROOT, "target", "bench-classpath.txt")) as f:
        cp = "target/classes:target/test-classes:" + f.read().strip()
    return ["java"] + list(options) + ["-cp", cp, main] + list(args)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--with-tests", action="store_true", help="also time ./mvnw -q verify once")
    a = p.parse_args()

    sh(["./mvnw", "-q", "-B", "-DskipTests", "package", "test-compile", "dependency:build-classpath",
        "-Dmdep.outputFile=target/bench-classpath.txt", "-Dmdep.includeScope=test"])
    # package also builds target/bbws-dynamodb.jsa, the class-data-sharing archive

    subjects = {
        "plan dev": JAR + ["plan", "--stack", "dev"],
        "plan sit": JAR + ["plan", "--stack", "sit"],
        "plan prod": JAR + ["plan", "--stack", "prod"],
        "plan sit, untuned (BBWS_TUNED_JVM=off)": ["BBWS_TUNED_JVM=off"] + JAR + ["plan", "--stack", "sit"],
        "plan sit, tuned JVM options given directly": TUNED + ["plan", "--stack", "sit"],
        "plan 300 tables": java_cp("com.bbws.dynamodb.bench.PlanBenchmark", "once", "300"),
        "plan 300 tables, C1 + serial GC": java_cp("com.bbws.dynamodb.bench.PlanBenchmark", "once", "300",
                                                  options=TUNED_OPTIONS[3:]),
        "anchor pulumi-ts (3 tables)": ["bash", ANCHORS, "pulumi-ts", "0"],
        "anchor cdk synth (3 tables)": ["bash", ANCHORS, "cdk", "0"],
        "anchor pulumi-ts (300 tables)": ["bash", ANCHORS, "pulumi-ts", "297"],
        "anchor cdk synth (300 tables)": ["bash", ANCHORS, "cdk", "297"],
        "jvm hello (java -version)": ["java", "-version"],
    }
    for cmd in subjects.values():  # warm-up: disk caches, anchors' npm install
        measured(cmd)
    samples = {name: [] for name in subjects}
    for _ in range(a.runs):  # interleaved, so drift hits every subject alike
        for name, cmd in subjects.items():
            samples[name].append(measured(cmd))
    med = {n: (statistics.median(w for w, _ in s), statistics.median(m for _, m in s)) for n, s in samples.items()}

    print(f"\n## Whole process, median of {a.runs} runs\n")
    print("| subject | wall s | peak MiB |")
    print("|---|---|---|")
    for name, (wall, rss) in med.items():
        print(f"| {name} | {wall:.2f} | {rss:.0f} |")

    ts, cdk = med["anchor pulumi-ts (3 tables)"], med["anchor cdk synth (3 tables)"]
    cdk300 = med["anchor cdk synth (300 tables)"]
    sit, tuned, ours300 = med["plan sit"], med["plan sit, tuned JVM options given directly"], med["plan 300 tables"]
    untuned = med["plan sit, untuned (BBWS_TUNED_JVM=off)"]
    tuned300 = med["plan 300 tables, C1 + serial GC"]
    print("\n## Ratios (targets from issue 6)\n")
    print("| ratio | value | target |")
    print("|---|---|---|")
    print(f"| plan sit / pulumi-ts | {sit[0] / ts[0]:.2f} | <= 1.0 |")
    print(f"| plan sit, untuned / pulumi-ts | {untuned[0] / ts[0]:.2f} | <= 1.0 |")
    print(f"| plan sit, tuned directly / pulumi-ts | {tuned[0] / ts[0]:.2f} | <= 1.0 |")
    print(f"| plan sit / cdk synth | {sit[0] / cdk[0]:.2f} | <= 0.25 |")
    print(f"| plan sit, tuned directly / cdk synth | {tuned[0] / cdk[0]:.2f} | <= 0.25 |")
    print(f"| plan 300 / cdk synth 300 | {ours300[0] / cdk300[0]:.2f} | <= 0.5 |")
    print(f"| plan 300, tuned / cdk synth 300 | {tuned300[0] / cdk300[0]:.2f} | <= 0.5 |")
    print(f"| peak MiB plan sit / pulumi-ts | {sit[1] / ts[1]:.2f} | <= 1.0 |")
    print(f"| peak MiB plan sit, untuned / pulumi-ts | {untuned[1] / ts[1]:.2f} | <= 1.0 |")

    print("\n## In process (one JVM, median of 15 after 5 warm-ups)\n")
    out = subprocess.run(java_cp("com.bbws.dynamodb.bench.PlanBenchmark", "inprocess", "3", "30", "300"),
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines() if line.startswith("inprocess")]
    print("| tables | plan ms | ms per table |")
    print("|---|---|---|")
    for _, tables, ms in rows:
        n, v = int(tables.split("=")[1]), float(ms.split("=")[1])
        print(f"| {n} | {v:.1f} | {v / n:.2f} |")
    out = subprocess.run(java_cp("com.bbws.dynamodb.bench.ValidatorBenchmark", "3", "30"),
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    print("\n| validator on DynamoDB Local | ms |")
    print("|---|---|")
    for line in out.splitlines():
        if line.startswith("validate"):
            _, tables, ms = line.split()
            print(f"| {tables.split('=')[1]} tables | {float(ms.split('=')[1]):.1f} |")

    if a.with_tests:
        start = time.monotonic()
        sh(["./mvnw", "-q", "-B", "verify"], stdout=subprocess.DEVNULL)
        print(f"\nTest suite (./mvnw -q -B verify): {time.monotonic() - start:.0f} s wall")


if __name__ == "__main__":
    main()
